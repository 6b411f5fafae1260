import { ID_CHECKS } from "../id.ts";
import { defineFamilySuite } from "../support/vitest-suite.ts";

defineFamilySuite("ID", ID_CHECKS);
