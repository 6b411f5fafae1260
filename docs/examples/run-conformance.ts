import { runConformance, startReferenceServer } from "client-cert-conformance";

// Any base URL works (an emulator, a proxy); here the reference implementation, started in this process.
const server = await startReferenceServer();
try {
  const report = await runConformance({ target: server.baseUrl, zone: server.zone, credentials: server.credentials, seed: 42 });
  console.log(report.verdict); // → conformant
  console.log(report.requirements.filter((r) => r.status === "failed").length); // → 0
} finally {
  await server.close();
}
