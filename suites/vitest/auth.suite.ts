import { AUTH_CHECKS } from "../auth.ts";
import { defineFamilySuite } from "../support/vitest-suite.ts";

defineFamilySuite("AUTH", AUTH_CHECKS);
