import { HTTP_CHECKS } from "../http.ts";
import { defineFamilySuite } from "../support/vitest-suite.ts";

defineFamilySuite("HTTP", HTTP_CHECKS);
