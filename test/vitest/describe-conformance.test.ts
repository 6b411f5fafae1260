// The vitest entry as a team uses it: this file registers one test per requirement against the reference.
import { afterAll } from "vitest";
import { startReferenceServer, type ReferenceServerHandle } from "../../src/api/index.ts";
import { describeConformance } from "../../src/vitest/index.ts";

let server: ReferenceServerHandle | undefined;
describeConformance(async () => {
  server = await startReferenceServer({ seed: 3 });
  return { target: server.baseUrl, zone: server.zone, credentials: server.credentials, seed: 11, level: "may" };
}, { name: "describeConformance against the reference" });
afterAll(() => server?.close());
