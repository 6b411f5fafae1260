import { CHECKS_BY_FAMILY } from "../index.ts";
import { defineFamilySuite } from "../support/vitest-suite.ts";

defineFamilySuite("HTTP", CHECKS_BY_FAMILY.HTTP);
