import { editResult, fault } from "./helpers.ts";
import type { Fault } from "./types.ts";

/** STATUS: result.status. */
export const STATUS_FAULTS: Fault[] = [
  fault({
    name: "status-uppercase", family: "STATUS",
    trips: ["STATUS-ENUM"],
    description: "result.status in upper case (\"ACTIVE\", \"PENDING_REVOCATION\"...).",
    apply: { successBody: editResult((r) => { r.status = r.status.toUpperCase(); }) },
  }),
  fault({
    name: "status-goes-back", family: "STATUS",
    trips: ["STATUS-TRANSITIONS"],
    description: "A revoked certificate is read as pending_revocation (a stale replica), while the list says revoked: its status goes back.",
    apply: { successBody: editResult((r) => { if (r.status === "revoked") r.status = "pending_revocation"; }) },
  }),
  fault({
    name: "status-unknown", family: "STATUS",
    trips: ["STATUS-ENUM"],
    description: "result.status is \"expired\", a value outside the enum.",
    apply: { successBody: editResult((r) => { r.status = "expired"; }) },
  }),
];
