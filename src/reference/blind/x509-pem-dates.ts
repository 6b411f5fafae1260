import type { BlindFault } from "./types.ts";

export const BLIND_X509_PEM_DATES: BlindFault[] = [];
