/**
 * SQL for procedure versions, organisations and dossiers, including the
 * filtered, keyset-paginated listing with counts per state.
 */
import { sql, type Kysely, type Selectable } from "kysely";
import type { Dialect } from "./database";
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

/** The newest version of each procedure. */
export function latestVersions(db: Executor): Promise<Array<{ id: string; procedure_id: string }>> {
  return db.selectFrom("procedure_versions as v").select(["v.id", "v.procedure_id"])
    .where("v.seq", "=", (eb) => eb.selectFrom("procedure_versions as w").select((e) => e.fn.max("w.seq").as("m")).whereRef("w.procedure_id", "=", "v.procedure_id"))
    .orderBy("v.procedure_id").execute();
}

export function listOrganisations(db: Executor, territoryCode: string): Promise<Array<Selectable<OrganisationTable>>> {
  return db.selectFrom("organisations").selectAll().where("territory_code", "=", territoryCode).orderBy("name").execute();
}

export async function insertOrganisation(db: Executor, row: OrganisationTable): Promise<void> {
  await db.insertInto("organisations").values(row).execute();
}

export function findOrganisation(db: Executor, id: string): Promise<Selectable<OrganisationTable> | undefined> {
  return db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertDossier(db: Executor, row: DossierTable): Promise<void> {
  await db.insertInto("dossiers").values(row).execute();
  await adjustCount(db, row.procedure_id, row.organisation_id, row.state, 1);
}

/** Moves one dossier between state counters (call in the transaction that changes its state). */
export async function moveCount(db: Executor, row: { procedure_id: string; organisation_id: string }, from: string, to: string): Promise<void> {
  if (from === to) return;
  await adjustCount(db, row.procedure_id, row.organisation_id, from, -1);
  await adjustCount(db, row.procedure_id, row.organisation_id, to, 1);
}

async function adjustCount(db: Executor, procedureId: string, organisationId: string, state: string, delta: number): Promise<void> {
  await db.insertInto("dossier_counts").values({ procedure_id: procedureId, organisation_id: organisationId, state, n: delta })
    .onConflict((oc) => oc.columns(["procedure_id", "organisation_id", "state"]).doUpdateSet({ n: sql<number>`dossier_counts.n + ${delta}` }))
    .execute();
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

export type DossierFilters = {
  procedureId?: string;
  /** Leaf states to keep (a parent state is expanded to its leaves by the caller). */
  states?: string[];
  organisationId?: string;
  /** Normalised text (see search-text.ts), matched as a substring of the search fields. */
  text?: string;
  /** Filter tokens (`|field=value|`, see search-text.ts) the dossier must all carry. */
  tokens?: string[];
};

function filtered(db: Executor, dialect: Dialect, f: DossierFilters, withState: boolean) {
  let q = db.selectFrom("dossiers");
  if (f.procedureId) q = q.where("procedure_id", "=", f.procedureId);
  if (f.organisationId) q = q.where("organisation_id", "=", f.organisationId);
  if (withState && f.states) q = f.states.length > 0 ? q.where("state", "in", f.states) : q.where(sql<boolean>`1 = 0`);
  if (f.text) q = q.where(dialect === "postgres" ? sql<boolean>`strpos(search_text, ${f.text}) > 0` : sql<boolean>`instr(search_text, ${f.text}) > 0`);
  for (const token of f.tokens ?? []) q = q.where(dialect === "postgres" ? sql<boolean>`strpos(filter_text, ${token}) > 0` : sql<boolean>`instr(filter_text, ${token}) > 0`);
  return q;
}

/** A page of dossiers, newest first, after the keyset cursor (a dossier id). */
export function listDossierRows(db: Executor, dialect: Dialect, f: DossierFilters, limit: number, after?: string): Promise<DossierRow[]> {
  let q = filtered(db, dialect, f, true).selectAll();
  if (after) q = q.where("id", "<", after);
  return q.orderBy("id", "desc").limit(limit).execute();
}

/** Dossiers per state for the filters (state filter ignored): from the counters, or by a scan when searching text or filtering fields. */
export async function countByState(db: Executor, dialect: Dialect, f: DossierFilters): Promise<Record<string, number>> {
  if (f.text || (f.tokens?.length ?? 0) > 0) {
    // One sequential pass over the table: on SQLite, walking an index here would fetch every row at random.
    const scan = dialect === "sqlite" ? { ...f, procedureId: undefined } : f;
    let q = filtered(db, dialect, scan, false);
    if (dialect === "sqlite" && f.procedureId) q = q.where(sql<boolean>`+procedure_id = ${f.procedureId}`);
    const rows = await q.select(["state", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("state").execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
  let q = db.selectFrom("dossier_counts").select(["state", (eb) => eb.fn.sum<number>("n").as("n")]);
  if (f.procedureId) q = q.where("procedure_id", "=", f.procedureId);
  if (f.organisationId) q = q.where("organisation_id", "=", f.organisationId);
  const rows = await q.groupBy("state").execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]).filter(([, n]) => (n as number) > 0));
}

/** A batch of dossiers whose filter tokens are to be computed, oldest first. */
export function dossiersWithoutFilterText(db: Executor, limit: number): Promise<Array<Pick<DossierRow, "id" | "procedure_id" | "data">>> {
  return db.selectFrom("dossiers").select(["id", "procedure_id", "data"]).where("filter_text", "is", null).orderBy("id").limit(limit).execute();
}

/** Marks every dossier of a procedure for reindexing (its filters changed). */
export async function resetFilterText(db: Executor, procedureId: string): Promise<void> {
  await db.updateTable("dossiers").set({ filter_text: null }).where("procedure_id", "=", procedureId).execute();
}

/** Sets a dossier's filter tokens unless a write since has set them already. */
export async function fillFilterText(db: Executor, id: string, filterText: string): Promise<void> {
  await db.updateTable("dossiers").set({ filter_text: filterText }).where("id", "=", id).where("filter_text", "is", null).execute();
}
