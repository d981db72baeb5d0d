/**
 * Shared pieces of the mail tests: a logger that keeps what it is told, and
 * a French email with a link, enqueued in its own committed transaction.
 */
import { composeEmail } from "../../server/mail/compose";
import { enqueueEmail } from "../../server/mail/outbox";
import type { MailLogger } from "../../server/mail/sender";
import type { Db } from "../../server/store/database";

export type LogLine = { level: "info" | "warn" | "error"; obj: object; msg: string };

export function memoryLogger(): MailLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (obj, msg) => { lines.push({ level: "info", obj, msg }); },
    warn: (obj, msg) => { lines.push({ level: "warn", obj, msg }); },
    error: (obj, msg) => { lines.push({ level: "error", obj, msg }); },
  };
}

export function signupEmail(to: string, token = "jeton-secret") {
  const link = `http://127.0.0.1:3000/inscription/verifier#${token}`;
  return {
    link,
    message: {
      kind: "signup_verification", to, subject: "Confirmez votre adresse électronique",
      ...composeEmail({ greeting: "Bonjour,", paragraphs: ["Vous avez demandé à créer un compte sur Guichet."], action: { label: "Créer mon compte", url: link }, after: ["Ce lien expire dans 24 heures."] }),
    },
  };
}

export async function enqueueMany(db: Db, count: number, now: Date, to = (i: number) => `personne-${i}@exemple.fr`): Promise<string[]> {
  return db.kysely.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await enqueueEmail(trx, { ...signupEmail(to(i), `jeton-${i}`).message, subject: `Message n° ${i}` }, now));
    return ids;
  });
}
