/**
 * SQL for the append-only audit events and the idempotency keys.
 */
import type { Selectable } from "kysely";
import type { Executor } from "./dossier-store";
import type { AuditEventTable, IdempotencyKeyTable } from "./schema";

export type AuditRow = Selectable<AuditEventTable>;

export function lastAuditEvent(db: Executor, dossierId: string): Promise<Pick<AuditRow, "seq" | "hash"> | undefined> {
  return db.selectFrom("audit_events").select(["seq", "hash"]).where("dossier_id", "=", dossierId).orderBy("seq", "desc").limit(1).executeTakeFirst();
}

export async function insertAuditEvent(db: Executor, row: AuditEventTable): Promise<void> {
  await db.insertInto("audit_events").values(row).execute();
}

export function auditEventsOf(db: Executor, dossierId: string): Promise<AuditRow[]> {
  return db.selectFrom("audit_events").selectAll().where("dossier_id", "=", dossierId).orderBy("seq").execute();
}

/** A dossier's events with the display name of each actor's account (null for the system or an unknown id), in one query. */
export function auditEventsWithNames(db: Executor, dossierId: string): Promise<Array<AuditRow & { actor_name: string | null }>> {
  return db.selectFrom("audit_events as e").leftJoin("accounts as a", "a.id", "e.actor_id")
    .selectAll("e").select("a.display_name as actor_name")
    .where("e.dossier_id", "=", dossierId).orderBy("e.seq").execute();
}

/** Dossier ids having audit events, in pages (for verification of every chain). */
export async function auditedDossierIds(db: Executor, after: string | null, limit: number): Promise<string[]> {
  let q = db.selectFrom("audit_events").select("dossier_id").distinct();
  if (after) q = q.where("dossier_id", ">", after);
  return (await q.orderBy("dossier_id").limit(limit).execute()).map((r) => r.dossier_id);
}

export function findIdempotentResult(db: Executor, actorId: string, key: string): Promise<Selectable<IdempotencyKeyTable> | undefined> {
  return db.selectFrom("idempotency_keys").selectAll().where("actor_id", "=", actorId).where("key", "=", key).executeTakeFirst();
}

export async function saveIdempotentResult(db: Executor, row: IdempotencyKeyTable): Promise<void> {
  await db.insertInto("idempotency_keys").values(row).execute();
}

/** The dossier's moves between states, in order (every audit event: its instant, from and to state). */
export function stateMoves(db: Executor, dossierId: string): Promise<Array<{ at: string; from_state: string | null; to_state: string }>> {
  return db.selectFrom("audit_events").select(["at", "from_state", "to_state"]).where("dossier_id", "=", dossierId).orderBy("seq").execute();
}
