/**
 * One-time tokens sent by email (sign-up verification, password reset):
 * a random token in the link, only its SHA-256 in the table, an expiry, and
 * a use that is atomic (a token used twice, even at the same moment, works
 * once).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Selectable } from "kysely";
import type { Executor } from "../store/dossier-store";
import type { EmailTokenTable } from "../store/schema";

export type EmailTokenRow = Selectable<EmailTokenTable>;

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
export const randomToken = () => randomBytes(32).toString("base64url");

/** Stores a new token's hash and returns the raw token (to put in the link; never stored). */
export async function issueEmailToken(
  db: Executor,
  input: { purpose: string; email: string; accountId?: string | null; data?: unknown; ttlMs: number; now: Date },
): Promise<string> {
  const raw = randomToken();
  await db.insertInto("email_tokens").values({
    id: sha256(raw), purpose: input.purpose, email: input.email.trim().toLowerCase(), account_id: input.accountId ?? null,
    data: input.data === undefined ? null : JSON.stringify(input.data), created_at: input.now.toISOString(),
    expires_at: new Date(input.now.getTime() + input.ttlMs).toISOString(), used_at: null,
  }).execute();
  return raw;
}

/** A valid (unused, unexpired) token of that purpose, without using it; undefined otherwise. */
export async function peekEmailToken(db: Executor, raw: string, purpose: string, now: Date): Promise<EmailTokenRow | undefined> {
  const row = await db.selectFrom("email_tokens").selectAll().where("id", "=", sha256(raw)).where("purpose", "=", purpose).executeTakeFirst();
  return row && !row.used_at && row.expires_at > now.toISOString() ? row : undefined;
}

/** Uses a token once (in the caller's transaction): the row when it was valid and is now used, undefined otherwise. */
export async function consumeEmailToken(db: Executor, raw: string, purpose: string, now: Date): Promise<EmailTokenRow | undefined> {
  const row = await peekEmailToken(db, raw, purpose, now);
  if (!row) return undefined;
  const result = await db.updateTable("email_tokens").set({ used_at: now.toISOString() }).where("id", "=", row.id).where("used_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { ...row, used_at: now.toISOString() } : undefined;
}

/** Makes every unused token of an address and purpose unusable (a new link replaces the old ones). */
export async function revokeEmailTokens(db: Executor, email: string, purpose: string, now: Date): Promise<void> {
  await db.updateTable("email_tokens").set({ used_at: now.toISOString() }).where("email", "=", email.trim().toLowerCase()).where("purpose", "=", purpose).where("used_at", "is", null).execute();
}
