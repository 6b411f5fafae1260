// The usage error lives below the commands (src/io/), where every reader of the user's files and flags can throw it.
export { UsageError } from "../io/usage-error.ts";
