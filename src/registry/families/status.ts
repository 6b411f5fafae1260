import { requirement } from "../define.ts";
import { certificateMember } from "../pointers.ts";

export const STATUS_ENUM = requirement({
  id: "STATUS-ENUM", level: "must", place: certificateMember("status", "enum"),
  statement: "result.status is one of active, pending_reactivation, pending_revocation, revoked (exact case).",
  reason: "The status schema is an enum.",
});

export const STATUS_TRANSITIONS = requirement({
  id: "STATUS-TRANSITIONS", level: "should", place: certificateMember("status"),
  statement: "The statuses one certificate is seen with during a run, by this operation and by the zone's list read before and after, follow the documented transitions (active → pending_revocation → revoked → pending_reactivation → active): a read never goes back.",
  reason: "The status is documented as active or revoked, pending_revocation and pending_reactivation being in-progress asynchronous transitions: a certificate pending revocation becomes revoked, never the other way, whichever operation reports it.",
});

export const STATUS_REQUIREMENTS = [STATUS_ENUM, STATUS_TRANSITIONS];
