import type { Transport } from "./transport.ts";

/**
 * A replay's answers to requests with another method than GET, by origin. A recorded target
 * installs nock for GETs (node:http) and registers here what answers the rest from its cassette:
 * nock cannot carry TRACE (its fetch Request refuses the method), and a run's client in replay
 * mode looks here, so no caller has to hand the answerer through.
 */
const answerers = new Map<string, Transport>();

export function registerReplayAnswers(origin: string, transport: Transport): () => void {
  answerers.set(origin, transport);
  return () => {
    if (answerers.get(origin) === transport) answerers.delete(origin);
  };
}

/** What answers `url`'s other methods in a replay, if a recording registered it. */
export function replayAnswersFor(url: string): Transport | undefined {
  return answerers.get(new URL(url).origin);
}
