/**
 * SQL for accounts, sessions, invitations and login rate limits.
 */
import { sql, type Selectable } from "kysely";
import type { Executor } from "./dossier-store";
import type { AccountTable, InvitationTable, SessionTable } from "./schema";

export type AccountRow = Selectable<AccountTable>;
export type SessionRow = Selectable<SessionTable>;
export type InvitationRow = Selectable<InvitationTable>;

export async function insertAccount(db: Executor, row: AccountTable): Promise<void> {
  await db.insertInto("accounts").values(row).execute();
}

export function findAccountByEmail(db: Executor, email: string): Promise<AccountRow | undefined> {
  return db.selectFrom("accounts").selectAll().where("email", "=", email).executeTakeFirst();
}

export function findAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listAccounts(db: Executor, territoryCode: string): Promise<AccountRow[]> {
  return db.selectFrom("accounts").selectAll().where("territory_code", "=", territoryCode).orderBy("email").execute();
}

export async function updateAccount(db: Executor, id: string, changes: Partial<AccountTable>): Promise<void> {
  await db.updateTable("accounts").set(changes).where("id", "=", id).execute();
}

export async function countAccounts(db: Executor): Promise<number> {
  const row = await db.selectFrom("accounts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertSession(db: Executor, row: SessionTable): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

export function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where("id", "=", id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

export async function deleteSessionsOf(db: Executor, accountId: string): Promise<void> {
  await db.deleteFrom("sessions").where("account_id", "=", accountId).execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<", now).execute();
}

export async function insertInvitation(db: Executor, row: InvitationTable): Promise<void> {
  await db.insertInto("invitations").values(row).execute();
}

export function findInvitation(db: Executor, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Marks an invitation used, only if it still is unused, unrevoked and unexpired at `at` (one-time). */
export async function useInvitation(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable("invitations").set({ used_at: at })
    .where("id", "=", id).where("used_at", "is", null).where("revoked_at", "is", null).where("expires_at", ">", at).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a hit in the key's current window, atomically, and returns the new count (fixed windows). */
export async function hitRateLimit(db: Executor, key: string, windowStart: string): Promise<number> {
  const row = await db.insertInto("rate_limits").values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.column("key").doUpdateSet({
      count: sql<number>`case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end`,
      window_start: sql<string>`excluded.window_start`,
    }))
    .returning("count").executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The count of the key in the given window (0 when none). */
export async function rateLimitCount(db: Executor, key: string, windowStart: string): Promise<number> {
  const row = await db.selectFrom("rate_limits").select(["count", "window_start"]).where("key", "=", key).executeTakeFirst();
  return row && row.window_start === windowStart ? Number(row.count) : 0;
}

export async function clearRateLimit(db: Executor, key: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("key", "=", key).execute();
}

/** Closes every session of an account but one (after a password change). */
export async function deleteOtherSessionsOf(db: Executor, accountId: string, keepId: string): Promise<void> {
  await db.deleteFrom("sessions").where("account_id", "=", accountId).where("id", "<>", keepId).execute();
}
