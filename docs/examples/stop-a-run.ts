import { runConformance, startReferenceServer } from "client-cert-conformance";

// A run stops when its signal aborts (a CI job's own deadline, a user's Ctrl-C) and resolves with what it judged so far.
const server = await startReferenceServer();
const stop = new AbortController();
try {
  const running = runConformance({ target: server.baseUrl, zone: server.zone, credentials: server.credentials, seed: 42, signal: stop.signal });
  stop.abort();
  const report = await running;
  console.log(report.verdict, report.interrupted?.by); // → error signal
} finally {
  await server.close();
}
