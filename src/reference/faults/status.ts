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
    name: "status-unknown", family: "STATUS",
    trips: ["STATUS-ENUM"],
    description: "result.status is \"expired\", a value outside the enum.",
    apply: { successBody: editResult((r) => { r.status = "expired"; }) },
  }),
];
