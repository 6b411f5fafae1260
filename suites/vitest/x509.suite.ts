import { X509_CHECKS } from "../x509.ts";
import { defineFamilySuite } from "../support/vitest-suite.ts";

defineFamilySuite("X509", X509_CHECKS);
