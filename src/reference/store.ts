/** A certificate object as the API returns it (Cloudflare's `result`): id and status at least. */
export type CertificateRecord = Record<string, unknown> & { id: string; status: string };

/** One certificate the reference holds, and the zone it belongs to. */
export interface StoredCertificate {
  readonly id: string;
  readonly zoneId: string;
  readonly status: string;
  /** The full result object, frozen: handlers copy before they change anything. */
  readonly result: Readonly<CertificateRecord>;
  /** The result serialised once (the hot path of a fault-free server). */
  readonly json: string;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The zones and their certificates; read-only once built. */
export class CertificateStore {
  private readonly byZone = new Map<string, StoredCertificate[]>();
  private readonly byId = new Map<string, StoredCertificate>();

  /** @throws Error on a certificate id that appears twice (ids are unique across zones, as at Cloudflare). */
  constructor(zones: ReadonlyMap<string, readonly CertificateRecord[]>) {
    for (const [zoneId, records] of zones) {
      const list: StoredCertificate[] = [];
      for (const record of records) {
        if (this.byId.has(record.id)) throw new Error(`certificate id ${record.id} appears twice in the reference's store`);
        const result = deepFreeze(structuredClone(record));
        const stored = Object.freeze({ id: record.id, zoneId, status: record.status, result, json: JSON.stringify(result) });
        list.push(stored);
        this.byId.set(record.id, stored);
      }
      this.byZone.set(zoneId, list);
    }
  }

  zoneIds(): string[] {
    return [...this.byZone.keys()];
  }

  hasZone(zoneId: string): boolean {
    return this.byZone.has(zoneId);
  }

  /** The zone's certificates in store order (empty for an unknown zone). */
  certificates(zoneId: string): readonly StoredCertificate[] {
    return this.byZone.get(zoneId) ?? [];
  }

  /** The certificate if it belongs to this zone. */
  find(zoneId: string, certificateId: string): StoredCertificate | undefined {
    const c = this.byId.get(certificateId);
    return c && c.zoneId === zoneId ? c : undefined;
  }

  /** The certificate in whichever zone holds it. */
  findAnywhere(certificateId: string): StoredCertificate | undefined {
    return this.byId.get(certificateId);
  }

  all(): StoredCertificate[] {
    return [...this.byId.values()];
  }
}
