/**
 * SQL of the outbox senders. A sender claims due rows (pending and due, or
 * "sending" under a claim that has expired — its sender died) by setting them
 * "sending" until `claimedUntil`; the claim's end is also its token, so a
 * sender whose claim was taken over cannot push a row back to pending.
 * PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED then UPDATE in one transaction,
 * so concurrent senders never claim the same row. SQLite: one
 * UPDATE … WHERE id IN (SELECT …) RETURNING statement, atomic by itself and
 * holding the write lock for no longer than the statement (a read-then-write
 * transaction would fail with SQLITE_BUSY_SNAPSHOT when another connection
 * writes in between, and one held across an await blocks other connections
 * of the same process, which wait synchronously).
 */
import type { Selectable } from "kysely";
import type { Db } from "./database";
import type { Executor } from "./dossier-store";
import type { OutboxTable } from "./schema";

export type OutboxRow = Selectable<OutboxTable>;

const dueIds = (db: Executor, now: string, limit: number) =>
  db.selectFrom("outbox").select("id")
    .where((eb) => eb.or([
      eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now)]),
      eb.and([eb("status", "=", "sending"), eb("claimed_until", "<", now)]),
    ]))
    .orderBy("next_attempt_at").orderBy("id").limit(limit);

/** Claims up to `limit` due rows until `claimedUntil` (attempts counted at the claim); oldest first. */
export async function claimDueOutbox(db: Db, now: string, claimedUntil: string, limit: number): Promise<OutboxRow[]> {
  const claim = (ex: Executor, ids: string[] | ReturnType<typeof dueIds>) => ex.updateTable("outbox")
    .set((eb) => ({ status: "sending", claimed_until: claimedUntil, attempts: eb("attempts", "+", 1) }))
    .where("id", "in", ids).returningAll().execute();
  const rows = db.dialect === "sqlite"
    ? await claim(db.kysely, dueIds(db.kysely, now, limit))
    : await db.kysely.transaction().execute(async (trx) => {
      const ids = (await dueIds(trx, now, limit).forUpdate().skipLocked().execute()).map((r) => r.id);
      return ids.length === 0 ? [] : claim(trx, ids);
    });
  return rows.sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id.localeCompare(b.id));
}

/** The message left: recorded whatever became of the claim meanwhile (it was delivered). */
export async function markOutboxSent(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable("outbox").set({ status: "sent", sent_at: at, claimed_until: null, last_error: null })
    .where("id", "=", id).where("status", "<>", "sent").execute();
}

/** Back to pending for a later attempt, only while this sender's claim still holds the row. */
export async function markOutboxRetry(db: Executor, id: string, claimedUntil: string, nextAttemptAt: string, error: string): Promise<boolean> {
  const result = await db.updateTable("outbox").set({ status: "pending", next_attempt_at: nextAttemptAt, claimed_until: null, last_error: error })
    .where("id", "=", id).where("status", "=", "sending").where("claimed_until", "=", claimedUntil).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Permanently failed (never retried), only while this sender's claim still holds the row. */
export async function markOutboxFailed(db: Executor, id: string, claimedUntil: string, error: string): Promise<boolean> {
  const result = await db.updateTable("outbox").set({ status: "failed", claimed_until: null, last_error: error })
    .where("id", "=", id).where("status", "=", "sending").where("claimed_until", "=", claimedUntil).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives back claimed rows this sender will not try now (its claim is about to end). */
export async function releaseOutbox(db: Executor, ids: string[], claimedUntil: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("outbox").set((eb) => ({ status: "pending", claimed_until: null, attempts: eb("attempts", "-", 1) }))
    .where("id", "in", ids).where("status", "=", "sending").where("claimed_until", "=", claimedUntil).execute();
}

/** Counts per status (for the operator and the tests). */
export async function outboxCounts(db: Executor): Promise<Record<string, number>> {
  const rows = await db.selectFrom("outbox").select((eb) => ["status", eb.fn.countAll<number | string>().as("n")]).groupBy("status").execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
