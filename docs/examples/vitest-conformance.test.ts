// A test file of your own vitest project: one test per requirement against your target.
import { afterAll } from "vitest";
import { startReferenceServer, type FaultName, type ReferenceServerHandle } from "client-cert-conformance";
import { describeConformance } from "client-cert-conformance/vitest";

let server: ReferenceServerHandle | undefined;
describeConformance(async () => {
  // Your emulator's URL and credentials go here; the reference stands in for it.
  server = await startReferenceServer({ faults: process.env.CONFORMANCE_FAULT ? [process.env.CONFORMANCE_FAULT as FaultName] : [] });
  return { target: server.baseUrl, zone: server.zone, credentials: server.credentials, seed: 42, level: "must" };
});
afterAll(() => server?.close());
