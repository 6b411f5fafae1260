import { ENV_CHECKS } from "../env.ts";
import { defineFamilySuite } from "../support/vitest-suite.ts";

defineFamilySuite("ENV", ENV_CHECKS);
