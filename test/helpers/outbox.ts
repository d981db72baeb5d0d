/**
 * Emails written to the outbox, read back for tests: the row with its parsed
 * payload, and the token of a link to a given page.
 */
import type { Db } from "../../server/store/database";

export type OutboxMail = { id: string; kind: string; to: string; subject: string; text: string; html: string; createdAt: string };

export async function outboxMails(db: Db, filter: { to?: string; kind?: string } = {}): Promise<OutboxMail[]> {
  let query = db.kysely.selectFrom("outbox").selectAll().orderBy("id");
  if (filter.to) query = query.where("recipient", "=", filter.to.toLowerCase());
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  return (await query.execute()).map((row) => {
    const payload = JSON.parse(row.payload) as { subject: string; text: string; html: string };
    return { id: row.id, kind: row.kind, to: row.recipient, createdAt: row.created_at, ...payload };
  });
}

/**
 * The one email to `to` (of `kind` if given) written since the previous call
 * for that address (the outbox's ids do not order emails of the same
 * millisecond, and tests freeze the clock); throws unless there is exactly one.
 */
export async function nextMail(db: Db, to: string, kind?: string): Promise<OutboxMail> {
  const seen = SEEN.get(db) ?? new Set<string>();
  SEEN.set(db, seen);
  const fresh = (await outboxMails(db, { to, ...(kind ? { kind } : {}) })).filter((m) => !seen.has(m.id));
  if (fresh.length !== 1) throw new Error(`${fresh.length} nouveau(x) courriel(s) pour ${to}${kind ? ` (${kind})` : ""}, un attendu`);
  seen.add(fresh[0]!.id);
  return fresh[0]!;
}
const SEEN = new WeakMap<Db, Set<string>>();

/** The token of the first link in `text` to `path` (the part after #). */
export function tokenIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/[/]/g, "\\/")}#([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`aucun lien vers ${path} dans :\n${text}`);
  return match[1]!;
}
