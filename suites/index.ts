import type { Family } from "../src/registry/types.ts";
import { AUTH_CHECKS } from "./auth.ts";
import { ENV_CHECKS } from "./env.ts";
import { ERR_CHECKS } from "./err.ts";
import { HTTP_CHECKS } from "./http.ts";
import { HTTP_METHOD_CHECKS } from "./http-methods.ts";
import { HTTP_WIRE_CHECKS } from "./http-wire.ts";
import { ID_CHECKS } from "./id.ts";
import { RESULT_CHECKS } from "./result.ts";
import { STATUS_CHECKS } from "./status.ts";
import type { Check } from "./support/check.ts";
import { X509_CHECKS } from "./x509.ts";

/** Every family's checks: what the vitest entry files register and the self-certification matrix evaluates. */
export const CHECKS_BY_FAMILY: Record<Family, Check[]> = {
  HTTP: [...HTTP_CHECKS, ...HTTP_WIRE_CHECKS, ...HTTP_METHOD_CHECKS], ENV: ENV_CHECKS, RESULT: RESULT_CHECKS, STATUS: STATUS_CHECKS,
  ID: ID_CHECKS, AUTH: AUTH_CHECKS, ERR: ERR_CHECKS, X509: X509_CHECKS,
};

export const ALL_CHECKS: Check[] = Object.values(CHECKS_BY_FAMILY).flat();
