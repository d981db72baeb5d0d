/**
 * After `admin:invite`, what happened to its email. The mail sender is not
 * part of this branch yet: the message stays in the outbox, which Guichet's
 * sender delivers when it starts.
 */
import type { Db } from "../store/database";

export async function deliverOnce(_db: Db, _clock: () => Date, _outboxId: string): Promise<string> {
  return "Le courriel partira avec le prochain démarrage de Guichet.";
}
