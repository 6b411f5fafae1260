import type { Report } from "../../reports/model.ts";
import type { RunConfig } from "../run/config.ts";
import type { Exchange } from "../http/index.ts";

/** A target made ready: the config to run with (a cassette fills in zone, ids, seed), and how to tear it down. */
export interface PreparedTarget {
  config: RunConfig;
  amendReport?: (report: Report) => Report;
  reviewExchange?: (exchange: Exchange) => Exchange;
  /** One line on what is replayed and where its zone, certificates and seed came from (shown unless --quiet). */
  note?: string;
  close(): Promise<void>;
}

/** Live and URL targets need nothing; a recorded one installs its cassette's replay (targets/recorded.ts). */
export async function prepareTarget(config: RunConfig, opts: { signal?: AbortSignal } = {}): Promise<PreparedTarget> {
  if (config.target.kind === "recorded") {
    const { prepareRecordedTarget } = await import("./recorded.ts");
    return prepareRecordedTarget(config, opts);
  }
  return { config, close: async () => undefined };
}
