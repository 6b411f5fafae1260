import { certificateFixtures, loadCertificateMaterial } from "../../generators/index.ts";
import { OTHER_ZONE_CERTIFICATE_COUNT, type ReferenceConfig } from "./config.ts";
import type { FaultHooks } from "./faults/types.ts";
import { CertificateStore, type CertificateRecord } from "./store.ts";

/** The certificate objects of both zones, before any fault renames them. */
export interface ZoneRecords {
  zone: readonly CertificateRecord[];
  other: readonly CertificateRecord[];
}

const memo = new Map<string, Promise<ZoneRecords>>();

/** The other zone's fixtures use a seed of their own, so their ids differ from the zone's. */
const otherSeed = (seed: number) => (seed + 7919) % 2 ** 31;

async function generate(config: ReferenceConfig): Promise<ZoneRecords> {
  const material = await loadCertificateMaterial();
  const [zone, other] = await Promise.all([
    certificateFixtures(material, { seed: config.seed, count: config.certificateCount, zoneId: config.zoneId }),
    certificateFixtures(material, { seed: otherSeed(config.seed), count: OTHER_ZONE_CERTIFICATE_COUNT, zoneId: config.otherZoneId }),
  ]);
  const toRecord = (f: (typeof zone)[number]): CertificateRecord => ({ ...(f.result as unknown as Record<string, unknown>), id: f.id, status: f.status });
  const zoneRecords = zone.map(toRecord);
  const ids = new Set(zoneRecords.map((r) => r.id));
  return { zone: zoneRecords, other: other.map(toRecord).filter((r) => !ids.has(r.id)) };
}

/**
 * The generators' certificates for this seed, count and pair of zones: real X.509 material
 * issued by the per-process test CA. Memoised per process, so servers started again with
 * the same seed (a test per fault) pay for key generation and signing once.
 */
export function zoneRecords(config: ReferenceConfig): Promise<ZoneRecords> {
  const key = `${config.seed}|${config.certificateCount}|${config.zoneId}|${config.otherZoneId}`;
  let records = memo.get(key);
  if (!records) {
    records = generate(config);
    records.catch(() => memo.delete(key));
    memo.set(key, records);
  }
  return records;
}

/** The store a server answers from, with the faults' id mapping applied. */
export function buildStore(config: ReferenceConfig, records: ZoneRecords, hooks: readonly FaultHooks[]): CertificateStore {
  const rename = (id: string) => hooks.reduce((acc, h) => (h.storeId ? h.storeId(acc) : acc), id);
  const renamed = (rs: readonly CertificateRecord[]) => rs.map((r) => ({ ...r, id: rename(r.id) }));
  return new CertificateStore(new Map([
    [config.zoneId, renamed(records.zone)],
    [config.otherZoneId, renamed(records.other)],
  ]));
}
