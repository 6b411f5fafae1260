import type { TestProject } from "vitest/node";
import { certificateResultPool, issueSameSerialTwins, loadCertificateMaterial, type CertificateResult } from "../../generators/index.ts";
import { SEED } from "../generators/support/seed.ts";

/**
 * vitest globalSetup: the certificate pool of the generator laws and the generator-driven matrix,
 * issued once per vitest process (key generation and issuing take a second or two) and handed to
 * every test file, instead of once per file. Under StrykerJS, which reruns the files for every
 * mutant in one vitest process, this is most of a mutant's time saved.
 */
export interface ProvidedPool {
  /** certificateResultPool(material, { seed: SEED, size: 8 }). */
  results: CertificateResult[];
  /** issueSameSerialTwins of them, as [fingerprint_sha256, twin] pairs. */
  twins: [string, CertificateResult][];
}

declare module "vitest" {
  export interface ProvidedContext {
    certificatePool?: ProvidedPool;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const material = await loadCertificateMaterial();
  const results = await certificateResultPool(material, { seed: SEED, size: 8 });
  project.provide("certificatePool", { results, twins: [...(await issueSameSerialTwins(material, results))] });
}
