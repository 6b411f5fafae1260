// `--spec` and its loading live below the commands (src/schema/), where src/run reads them too.
export { specRequestFrom } from "../schema/spec-request.ts";
export { loadSpecOrExplain } from "../schema/load-spec.ts";
