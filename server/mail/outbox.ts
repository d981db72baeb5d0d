/**
 * The outbox: every message that leaves Guichet is first a row written in the
 * transaction of the change that causes it, so that a change and its message
 * are stored together or not at all. Senders (`sender.ts`) deliver the rows
 * later, claim them so that several instances never send one twice, and retry
 * with backoff.
 */
import { uuidv7 } from "../dossiers/context";
import type { Executor } from "../store/dossier-store";

export type EmailMessage = {
  /** What caused the message (e.g. "signup_verification"), for logs and tests. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
};

/** The payload stored for an email (the row's `payload` column, as JSON). */
export type EmailPayload = { subject: string; text: string; html: string };

/** Writes an email to the outbox in the caller's transaction; returns its id (also its idempotency key). */
export async function enqueueEmail(db: Executor, message: EmailMessage, now: Date): Promise<string> {
  const id = uuidv7(now.getTime());
  const payload: EmailPayload = { subject: message.subject, text: message.text, html: message.html };
  await db.insertInto("outbox").values({
    id, channel: "email", kind: message.kind, recipient: message.to.trim().toLowerCase(), payload: JSON.stringify(payload),
    status: "pending", attempts: 0, next_attempt_at: now.toISOString(), claimed_until: null, last_error: null,
    created_at: now.toISOString(), sent_at: null,
  }).execute();
  return id;
}
