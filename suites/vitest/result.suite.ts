import { RESULT_CHECKS } from "../result.ts";
import { defineFamilySuite } from "../support/vitest-suite.ts";

defineFamilySuite("RESULT", RESULT_CHECKS);
