/**
 * SQL for procedure versions, organisations and dossiers, including the
 * filtered, keyset-paginated listing with counts per state.
 */
import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, DossierTable, OrganisationTable, ProcedureVersionTable } from "./schema";

export type Executor = Kysely<Database>;
export type DossierRow = Selectable<DossierTable>;

/** Stores a version (numbered after the procedure's last one) unless that content is already published. */
export async function insertVersion(db: Executor, row: Omit<ProcedureVersionTable, "seq">): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom("procedure_versions").select("id").where("id", "=", row.id).executeTakeFirst()) return false;
    const last = await trx.selectFrom("procedure_versions").select((eb) => eb.fn.max("seq").as("seq")).where("procedure_id", "=", row.procedure_id).executeTakeFirst();
    await trx.insertInto("procedure_versions").values({ ...row, seq: Number(last?.seq ?? 0) + 1 }).execute();
    return true;
  });
}

export function findVersion(db: Executor, id: string): Promise<Selectable<ProcedureVersionTable> | undefined> {
  return db.selectFrom("procedure_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A procedure's versions, newest first. */
export function listVersions(db: Executor, procedureId: string): Promise<Array<Omit<Selectable<ProcedureVersionTable>, "files">>> {
  return db.selectFrom("procedure_versions").select(["id", "procedure_id", "seq", "published_at", "published_by"])
    .where("procedure_id", "=", procedureId).orderBy("seq", "desc").execute();
}

export async function insertOrganisation(db: Executor, row: OrganisationTable): Promise<void> {
  await db.insertInto("organisations").values(row).execute();
}

export function findOrganisation(db: Executor, id: string): Promise<Selectable<OrganisationTable> | undefined> {
  return db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertDossier(db: Executor, row: DossierTable): Promise<void> {
  await db.insertInto("dossiers").values(row).execute();
}

export function findDossier(db: Executor, id: string): Promise<DossierRow | undefined> {
  return db.selectFrom("dossiers").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Writes a dossier only if nobody changed it since `expectedVersion` (optimistic concurrency). */
export async function updateDossier(db: Executor, id: string, expectedVersion: number, changes: Partial<DossierTable>): Promise<boolean> {
  const result = await db.updateTable("dossiers").set({ ...changes, version: expectedVersion + 1 })
    .where("id", "=", id).where("version", "=", expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function openDossiersNotOn(db: Executor, procedureId: string, versionId: string): Promise<DossierRow[]> {
  return db.selectFrom("dossiers").selectAll().where("procedure_id", "=", procedureId).where("is_open", "=", 1)
    .where("version_id", "<>", versionId).orderBy("id").execute();
}

export type DossierFilters = { procedureId?: string; state?: string; organisationId?: string; text?: string };

function filtered(db: Executor, f: DossierFilters, withState: boolean) {
  let q = db.selectFrom("dossiers");
  if (f.procedureId) q = q.where("procedure_id", "=", f.procedureId);
  if (f.organisationId) q = q.where("organisation_id", "=", f.organisationId);
  if (withState && f.state) {
    const state = f.state;
    q = q.where((eb) => eb.or([eb("state", "=", state), eb("state", "like", `${state.replace(/[%_\\]/g, "\\$&")}.%`)]));
  }
  if (f.text) q = q.where(sql<boolean>`search_text like ${`%${f.text.replace(/[%_\\]/g, "\\$&")}%`} escape '\\'`);
  return q;
}

/** A page of dossiers, newest first, after the keyset cursor (a dossier id). */
export function listDossierRows(db: Executor, f: DossierFilters, limit: number, after?: string): Promise<DossierRow[]> {
  let q = filtered(db, f, true).selectAll();
  if (after) q = q.where("id", "<", after);
  return q.orderBy("id", "desc").limit(limit).execute();
}

export async function countByState(db: Executor, f: DossierFilters): Promise<Record<string, number>> {
  const rows = await filtered(db, f, false).select(["state", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("state").execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
