import { inject } from "vitest";
import { certificateResultPool, issueSameSerialTwins, loadCertificateMaterial, type CertificateResult } from "../../../generators/index.ts";
import type { ProvidedPool } from "../../support/certificate-pool.global.ts";
import { SEED } from "./seed.ts";

let pool: Promise<ProvidedPool> | undefined;

/** The pool the globalSetup issued (test/support/certificate-pool.global.ts), or, where a config has none, one issued here. */
function providedPool(): Promise<ProvidedPool> {
  pool ??= (async () => {
    const provided = inject("certificatePool");
    if (provided) return provided;
    const material = await loadCertificateMaterial();
    const results = await certificateResultPool(material, { seed: SEED, size: 8 });
    return { results, twins: [...(await issueSameSerialTwins(material, results))] };
  })();
  return pool;
}

/** A pool of eight real certificate results (seed SEED), issued once per vitest process. */
export async function resultPool(): Promise<CertificateResult[]> {
  return (await providedPool()).results;
}

/** For each pool certificate, one of the same CA and serial number (see issueSameSerialTwins), by fingerprint_sha256. */
export async function sameSerialTwins(): Promise<Map<string, CertificateResult>> {
  return new Map((await providedPool()).twins);
}
