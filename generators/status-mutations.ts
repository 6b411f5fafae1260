import { STATUS_TRANSITIONS } from "../src/registry/index.ts";
import type { CertificateResult, CertificateStatus } from "./certificates.ts";
import { certificatesRead, type Conversation, type GeneratedExchange } from "./conversations.ts";
import { readsOf, responseOf, withAnswers, withJsonBody } from "./conversation-edits.ts";
import type { SuccessBody } from "./envelopes.ts";
import { exchangeMutation, type ExchangeMutation } from "./mutation.ts";

/**
 * Status mutations (STATUS-TRANSITIONS): a certificate seen going back to an in-progress status
 * it had gone past (revoked, then pending_revocation again), by a read or by the zone's list.
 */

/** The first certificate the conversation reads, and its reads. */
function firstCertificate(conversation: Conversation, name: string): { id: string; reads: number[] } {
  const [id] = certificatesRead(conversation.map((e) => e.request));
  const reads = id === undefined ? [] : readsOf(conversation, id);
  if (reads.length < 2) throw new RangeError(`${name} needs a certificate read twice`);
  return { id, reads };
}

/** A 200 read's answer with its result in `status`. */
const readIn = (status: CertificateStatus) => (a: GeneratedExchange): GeneratedExchange =>
  ({ ...a, response: withJsonBody(responseOf(a), (b) => ({ ...(b as SuccessBody), result: { ...(b as SuccessBody).result, status } })) });

/** STATUS-TRANSITIONS: the first certificate's next-to-last read sees it revoked, its last read pending revocation again. */
export const statusBackToPendingRevocation = exchangeMutation(STATUS_TRANSITIONS, "status-back-to-pending-revocation", ["read-key", "read-again"], (conversation) => {
  const { reads } = firstCertificate(conversation, "status-back-to-pending-revocation");
  const [before, last] = reads.slice(-2);
  return withAnswers(withAnswers(conversation, [before!], readIn("revoked")), [last!], readIn("pending_revocation"));
});

/** STATUS-TRANSITIONS: the first certificate's last read sees it active, and the zone's list after the probes pending reactivation. */
export const listAfterBackToPendingReactivation = exchangeMutation(STATUS_TRANSITIONS, "list-after-back-to-pending-reactivation", ["read-key"], (conversation) => {
  const { id, reads } = firstCertificate(conversation, "list-after-back-to-pending-reactivation");
  const after = conversation.length - 1;
  if (conversation[after]?.request.kind !== "list") throw new RangeError("list-after-back-to-pending-reactivation needs the zone's list read after the probes");
  const listed = withAnswers(conversation, [after], (a) => ({
    ...a, response: withJsonBody(responseOf(a), (b) => {
      const list = b as { result: CertificateResult[] };
      return { ...list, result: list.result.map((r) => (r.id === id ? { ...r, status: "pending_reactivation" } : r)) };
    }),
  }));
  return withAnswers(listed, [reads[reads.length - 1]!], readIn("active"));
});

/** Every status mutation. */
export const STATUS_MUTATIONS: readonly ExchangeMutation[] = [statusBackToPendingRevocation, listAfterBackToPendingReactivation];
