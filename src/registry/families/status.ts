import { requirement } from "../define.ts";
import { certificateMember } from "../pointers.ts";

export const STATUS_ENUM = requirement({
  id: "STATUS-ENUM", level: "must", place: certificateMember("status", "enum"),
  statement: "result.status is one of active, pending_reactivation, pending_revocation, revoked (exact case).",
  reason: "The status schema is an enum.",
});

export const STATUS_REQUIREMENTS = [STATUS_ENUM];
