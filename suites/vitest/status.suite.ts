import { STATUS_CHECKS } from "../status.ts";
import { defineFamilySuite } from "../support/vitest-suite.ts";

defineFamilySuite("STATUS", STATUS_CHECKS);
