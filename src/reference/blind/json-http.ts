import type { BlindFault } from "./types.ts";

export const BLIND_JSON_HTTP: BlindFault[] = [];
