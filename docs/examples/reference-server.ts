import { startReferenceServer } from "client-cert-conformance";

// A client under test, here plain fetch: does it notice a server that ignores credentials?
async function readCertificate(baseUrl: string, zone: string, id: string, token: string) {
  const res = await fetch(`${baseUrl}/zones/${zone}/client_certificates/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return res.status;
}

const faulty = await startReferenceServer({ faults: ["auth-ignored"] });
try {
  console.log(await readCertificate(faulty.baseUrl, faulty.zone, faulty.certificates[0]!, "not-the-token")); // → 200
} finally {
  await faulty.close();
}
const correct = await startReferenceServer();
try {
  console.log(await readCertificate(correct.baseUrl, correct.zone, correct.certificates[0]!, "not-the-token")); // → 403
} finally {
  await correct.close();
}
