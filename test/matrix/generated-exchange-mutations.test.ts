import { EXCHANGE_MUTATIONS, FAILURE_MUTATIONS, RESPONSE_MUTATIONS, type MutationSite } from "../../generators/index.ts";
import { describeMutationMatrix } from "../support/mutation-matrix.ts";

/** The 4xx statuses the probes meet: each failure-body mutation is tried on a refusal of each. */
const REFUSAL_STATUSES = [400, 401, 403, 404];

// 4xx-body mutations, on one refusal of a generated run written with each status (401 on a credential probe, 404 on an identifier probe).
describeMutationMatrix("every 4xx-body mutation fails, on a refusal of every status, exactly what it is tagged with", FAILURE_MUTATIONS, {
  numRuns: 1,
  siteGroups: (sites) => Object.fromEntries(REFUSAL_STATUSES.map((s) => [`status ${s}`, sites.filter((site: MutationSite) => "status" in site && site.status === s)])),
});

// Answers and exchanges made wrong: a status, a header, a body that is not JSON, a certificate served where a refusal is due, reads that disagree, an answer that never came.
describeMutationMatrix("every response and exchange mutation fails, under the suites' checks, exactly what it is tagged with", [...RESPONSE_MUTATIONS, ...EXCHANGE_MUTATIONS], { numRuns: 3 });
