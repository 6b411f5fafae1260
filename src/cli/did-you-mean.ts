// The closest-name hint lives below the commands (src/io/), where src/run reads it too.
export { closest, editDistance } from "../io/did-you-mean.ts";
