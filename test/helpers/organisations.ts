/**
 * Test helpers for organisations: valid SIRET numbers (Luhn key computed)
 * and the emails written to the outbox for an address.
 */
import type { Db } from "../../server/store/database";
import type { EmailPayload } from "../../server/mail/outbox";

/** A valid SIRET from 13 digits (the 14th is the Luhn key); `n` makes distinct ones. */
export function validSiret(n: number): string {
  const base = `4${String(n).padStart(12, "0")}`;
  for (let key = 0; key <= 9; key++) {
    const candidate = `${base}${key}`;
    const sum = [...candidate].reverse().reduce((s, c, i) => {
      const d = Number(c) * (i % 2 === 1 ? 2 : 1);
      return s + (d > 9 ? d - 9 : d);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("unreachable");
}

/** "12345678901234" → "123 456 789 01234", as people type it. */
export const spaced = (siret: string) => `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;

export type OutboxEmail = EmailPayload & { kind: string; recipient: string };

export async function emailsTo(db: Db, recipient: string): Promise<OutboxEmail[]> {
  const rows = await db.kysely.selectFrom("outbox").selectAll().where("recipient", "=", recipient.toLowerCase()).orderBy("id").execute();
  return rows.map((r) => ({ kind: r.kind, recipient: r.recipient, ...(JSON.parse(r.payload) as EmailPayload) }));
}

/** The first link of an email's text. */
export function linkIn(text: string): string {
  const match = /https?:\/\/\S+/.exec(text);
  if (!match) throw new Error(`no link in: ${text}`);
  return match[0];
}
