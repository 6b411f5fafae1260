import { isAbsolute, relative } from "node:path";
import { ExtractionError } from "../schema/convert-openapi-schema.ts";
import { runExtract } from "../schema/extract.ts";
import { DocumentLoadError } from "../schema/load-document.ts";
import { parseCommandFlags } from "./flags.ts";
import { UsageError } from "../io/usage-error.ts";

/** A path as a person reads it: from the current folder when it is below it, else absolute. */
const shown = (p: string) => {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith("..") && !isAbsolute(r) ? r : p;
};

/** `extract [--source FILE] [--operation ID] [--out DIR] [--check]`: by default the package's own source and schemas/, from any folder. */
export default async function extract(argv: string[]): Promise<number> {
  const { values } = parseCommandFlags("extract", argv);
  try {
    const { written, stale } = runExtract({ source: values.source, operationId: values.operation, out: values.out, check: values.check });
    if (values.check) {
      if (stale.length) {
        console.error(`schemas are stale (${stale.map(shown).join(", ")}): run \`npm run extract\` and commit the result`);
        return 1;
      }
      console.log("schemas are up to date with the OpenAPI source");
      return 0;
    }
    console.log(written.length ? `wrote ${written.map(shown).join(", ")}` : "schemas already up to date");
    return 0;
  } catch (e) {
    if (e instanceof ExtractionError || e instanceof DocumentLoadError) throw new UsageError(e.message);
    throw e;
  }
}
