import { SUCCESS_MUTATIONS, X509_MUTATIONS } from "../../generators/index.ts";
import { describeMutationMatrix } from "../support/mutation-matrix.ts";

// 200-body mutations (schema and X.509), each on every read of one certificate of a generated run.
describeMutationMatrix("every 200-body mutation fails, under the suites' checks, exactly what it is tagged with", [...SUCCESS_MUTATIONS, ...X509_MUTATIONS], { numRuns: 2 });
