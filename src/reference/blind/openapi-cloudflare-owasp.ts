import type { BlindFault } from "./types.ts";

export const BLIND_OPENAPI_CLOUDFLARE_OWASP: BlindFault[] = [];
