/**
 * After `admin:invite`: one delivery pass of the outbox with Guichet's own
 * sender (SMTP_URL, else .eml files under the data folder), then what became
 * of the invitation's email, said in French. A message not delivered now
 * stays in the outbox: the running Guichet's sender retries it.
 */
import { mailSenderFromEnv, type MailLogger } from "../mail/sender";
import type { Db } from "../store/database";

/** The sender's own log lines would repeat what the summary says. */
const quiet: MailLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** Enough for the invitation after a small backlog, without an operator waiting on a large one. */
const PASS_LIMIT = 50;
const LATER = "Le courriel partira avec le prochain démarrage de Guichet (ou le prochain passage de son envoi s'il tourne déjà).";

export async function deliverOnce(db: Db, clock: () => Date, outboxId: string): Promise<string> {
  const sender = mailSenderFromEnv({ db, clock, logger: quiet });
  try {
    await sender.deliverDue(PASS_LIMIT);
  } catch (error) {
    return `L'envoi n'a pas pu être tenté (${(error as Error).message}). ${LATER}`;
  }
  const row = await db.kysely.selectFrom("outbox").select(["status", "last_error", "recipient"]).where("id", "=", outboxId).executeTakeFirst();
  if (row?.status === "sent") return `Courriel d'invitation remis pour ${row.recipient} (${sender.description}).`;
  if (row?.status === "failed") return `Le courriel n'a pas pu être remis (${row.last_error ?? "raison inconnue"}) : transmettez le lien vous-même.`;
  return `Le courriel n'est pas encore parti${row?.last_error ? ` (${row.last_error})` : ""}. ${LATER}`;
}
