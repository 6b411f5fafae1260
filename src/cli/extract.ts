import { ExtractionError } from "../schema/convert-openapi-schema.ts";
import { runExtract } from "../schema/extract.ts";
import { DocumentLoadError } from "../schema/load-document.ts";
import { parseCommandFlags } from "./flags.ts";
import { UsageError } from "./usage-error.ts";

/** `extract [--source FILE] [--operation ID] [--out DIR] [--check]` */
export default async function extract(argv: string[]): Promise<number> {
  const { values } = parseCommandFlags("extract", argv);
  try {
    const { written, stale } = runExtract({ source: values.source, operationId: values.operation, out: values.out, check: values.check });
    if (values.check) {
      if (stale.length) {
        console.error(`schemas are stale (${stale.join(", ")}): run \`npm run extract\` and commit the result`);
        return 1;
      }
      console.log("schemas are up to date with the OpenAPI source");
      return 0;
    }
    console.log(written.length ? `wrote ${written.join(", ")}` : "schemas already up to date");
    return 0;
  } catch (e) {
    if (e instanceof ExtractionError || e instanceof DocumentLoadError) throw new UsageError(e.message);
    throw e;
  }
}
