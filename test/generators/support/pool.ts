import { certificateResultPool, loadCertificateMaterial, type CertificateResult } from "../../../generators/index.ts";
import { SEED } from "./seed.ts";

let pool: Promise<CertificateResult[]> | undefined;

/** A pool of real certificate results, made once per test file (worker): material, then eight certificates. */
export function resultPool(): Promise<CertificateResult[]> {
  pool ??= loadCertificateMaterial().then((material) => certificateResultPool(material, { seed: SEED, size: 8 }));
  return pool;
}
