/** `npm run api:faults`: regenerates src/api/fault-names.ts from the fault catalogue. */
import { writeFileSync } from "node:fs";
import { renderFaultNames } from "../src/api/render-fault-names.ts";

writeFileSync("src/api/fault-names.ts", renderFaultNames());
console.log("wrote src/api/fault-names.ts");
