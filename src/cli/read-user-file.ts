// Reading a user's file within a bound lives below the commands (src/io/), where the loaders use it.
export { readUserFile } from "../io/read-user-file.ts";
