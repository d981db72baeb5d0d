/**
 * SQL for durable timers and annual cycles. Due timers are claimed one at a
 * time with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so that several server
 * processes fire each timer once; SQLite serialises writers by itself. A
 * state's timers are cancelled when the state is left; a cycle's report
 * timer only when its report is filed or the cycle closed.
 */
import type { Insertable, Selectable } from "kysely";
import type { Dialect } from "./database";
import type { Executor } from "./dossier-store";
import type { CycleTable, TimerTable } from "./schema";

export type TimerRow = Selectable<TimerTable>;
export type CycleRow = Selectable<CycleTable>;

export async function insertTimers(db: Executor, rows: Array<Insertable<TimerTable>>): Promise<void> {
  if (rows.length > 0) await db.insertInto("timers").values(rows).execute();
}

/** Cancels the scheduled timers of the states left (never a cycle's timer). */
export async function cancelTimers(db: Executor, dossierId: string, states: string[], at: string, outcome = "état quitté"): Promise<void> {
  if (states.length === 0) return;
  await db.updateTable("timers").set({ status: "cancelled", fired_at: at, outcome })
    .where("dossier_id", "=", dossierId).where("status", "=", "scheduled").where("cycle_id", "is", null).where("state", "in", states).execute();
}

/** Cancels every scheduled timer of a dossier of one kind: its states' timers, or its cycles' timers (all, or those of the given cycles). */
export async function cancelDossierTimers(db: Executor, dossierId: string, kind: "state" | "cycle" | "all", at: string, outcome: string, cycleIds?: string[]): Promise<void> {
  if (cycleIds !== undefined && cycleIds.length === 0) return;
  let q = db.updateTable("timers").set({ status: "cancelled", fired_at: at, outcome }).where("dossier_id", "=", dossierId).where("status", "=", "scheduled");
  if (kind === "state") q = q.where("cycle_id", "is", null);
  if (kind === "cycle") q = q.where("cycle_id", "is not", null);
  if (cycleIds) q = q.where("cycle_id", "in", cycleIds);
  await q.execute();
}

export function claimDueTimer(db: Executor, dialect: Dialect, now: string, skip: string[]): Promise<TimerRow | undefined> {
  let q = db.selectFrom("timers").selectAll().where("status", "=", "scheduled").where("due_at", "<=", now);
  if (skip.length > 0) q = q.where("id", "not in", skip);
  q = q.orderBy("due_at").orderBy("id").limit(1);
  if (dialect === "postgres") q = q.forUpdate().skipLocked();
  return q.executeTakeFirst();
}

export async function closeTimer(db: Executor, id: string, status: "fired" | "failed" | "cancelled", at: string, outcome: string): Promise<void> {
  await db.updateTable("timers").set({ status, fired_at: at, outcome }).where("id", "=", id).execute();
}

export function timersOf(db: Executor, dossierId: string): Promise<TimerRow[]> {
  return db.selectFrom("timers").selectAll().where("dossier_id", "=", dossierId).orderBy("created_at").orderBy("id").execute();
}

export async function insertCycles(db: Executor, rows: CycleTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("cycles").values(rows).execute();
}

export function cyclesOf(db: Executor, dossierId: string): Promise<CycleRow[]> {
  return db.selectFrom("cycles").selectAll().where("dossier_id", "=", dossierId).orderBy("year_index").execute();
}

export function findCycle(db: Executor, id: string): Promise<CycleRow | undefined> {
  return db.selectFrom("cycles").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateCycle(db: Executor, id: string, changes: Partial<CycleTable>): Promise<void> {
  await db.updateTable("cycles").set(changes).where("id", "=", id).execute();
}

/** Closes the cycles whose report is not filed (the dossier has ended). */
export async function closeUnreportedCycles(db: Executor, dossierId: string): Promise<void> {
  await db.updateTable("cycles").set({ outcome: "closed" }).where("dossier_id", "=", dossierId).where("report_filed_at", "is", null).where("outcome", "<>", "closed").execute();
}
