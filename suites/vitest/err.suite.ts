import { ERR_CHECKS } from "../err.ts";
import { defineFamilySuite } from "../support/vitest-suite.ts";

defineFamilySuite("ERR", ERR_CHECKS);
