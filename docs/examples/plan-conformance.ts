import { planConformance } from "client-cert-conformance";

// What a run would send, sending nothing (`run --dry-run`): here of the requirements of one family only.
const plan = await planConformance({
  target: "http://127.0.0.1:8787/client/v4", zone: "023e105f4ecef8ad9ca31a8372d0c353", certificates: ["5a7805061c76ada191ed06f989cc3dac"],
  credentials: { token: "not-needed-to-plan-but-a-run-would" }, include: ["STATUS"],
});
console.log(plan.requests.every((request) => request.feeds.some((id) => id.startsWith("STATUS-")))); // → true
console.log(plan.counts.atMost <= plan.budget); // → true
