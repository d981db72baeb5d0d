/**
 * SQL for accounts, sessions, invitations and login rate limits.
 */
import type { Selectable } from "kysely";
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

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<", now).execute();
}

export async function insertInvitation(db: Executor, row: InvitationTable): Promise<void> {
  await db.insertInto("invitations").values(row).execute();
}

export function findInvitation(db: Executor, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Marks an invitation used, only if it still is unused (one-time). */
export async function useInvitation(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable("invitations").set({ used_at: at }).where("id", "=", id).where("used_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a hit in the key's current window and returns the count (fixed windows). */
export async function hitRateLimit(db: Executor, key: string, windowStart: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("rate_limits").selectAll().where("key", "=", key).executeTakeFirst();
    if (!row || row.window_start !== windowStart) {
      await trx.insertInto("rate_limits").values({ key, window_start: windowStart, count: 1 })
        .onConflict((oc) => oc.column("key").doUpdateSet({ window_start: windowStart, count: 1 })).execute();
      return 1;
    }
    await trx.updateTable("rate_limits").set({ count: row.count + 1 }).where("key", "=", key).execute();
    return row.count + 1;
  });
}
