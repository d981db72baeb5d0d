/**
 * Migration 0006: the lifecycle of label years. Timers may belong to a cycle
 * (its report timer, kept across states); a cycle knows which opening created
 * it (the current period is the latest opening's cycles) and holds the
 * records filed for it. A cycle's `ends_on` becomes its last day (inclusive),
 * as periods are read: the rows stored with the day after are moved back a
 * day, and their openings are recovered from the audit trail (the events
 * that open cycles, in order, each taking its number of years).
 */
import { sql, type Kysely, type Migration } from "kysely";
import { Temporal } from "temporal-polyfill";

type CycleRow = { id: string; dossier_id: string; year_index: number; ends_on: string };
type Opening = { event: string; years: number | { parameter: string } };

async function openingsOf(db: Kysely<unknown>, dossierId: string): Promise<Opening[]> {
  const { rows } = await sql<{ files: string }>`
    select v.files from dossiers d join procedure_versions v on v.id = d.version_id where d.id = ${dossierId}`.execute(db);
  try {
    const files = JSON.parse(rows[0]?.files ?? "{}") as Record<string, string>;
    const manifest = JSON.parse(files["manifest.json"] ?? "{}") as { cycles?: { openOn?: Opening[] } };
    return manifest.cycles?.openOn ?? [];
  } catch {
    return [];
  }
}

/** Opening number of each cycle (by year order), from the opening events of the dossier's audit trail. */
async function recoverOpenings(db: Kysely<unknown>, dossierId: string, count: number): Promise<number[]> {
  const openOn = await openingsOf(db, dossierId);
  const { rows: events } = await sql<{ event: string }>`select event from audit_events where dossier_id = ${dossierId} order by seq`.execute(db);
  const out: number[] = [];
  let opening = 0;
  for (const { event } of events) {
    for (const o of openOn.filter((x) => x.event === event)) {
      opening++;
      for (let k = 0; k < (typeof o.years === "number" ? o.years : 1) && out.length < count; k++) out.push(opening);
    }
  }
  while (out.length < count) out.push(++opening);
  return out;
}

async function backfillCycles(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<CycleRow>`select id, dossier_id, year_index, ends_on from cycles order by dossier_id, year_index`.execute(db);
  const byDossier = new Map<string, CycleRow[]>();
  for (const row of rows) byDossier.set(row.dossier_id, [...(byDossier.get(row.dossier_id) ?? []), row]);
  for (const [dossierId, cycles] of byDossier) {
    const openings = await recoverOpenings(db, dossierId, cycles.length);
    for (const [i, cycle] of cycles.entries()) {
      const lastDay = Temporal.PlainDate.from(cycle.ends_on).subtract({ days: 1 }).toString();
      await sql`update cycles set opening = ${openings[i]!}, ends_on = ${lastDay} where id = ${cycle.id}`.execute(db);
    }
  }
}

export const lifecycleMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("timers").addColumn("cycle_id", "text").execute();
    await db.schema.createIndex("timers_by_cycle").on("timers").columns(["cycle_id", "status"]).execute();
    await db.schema.alterTable("cycles").addColumn("opening", "integer", (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable("cycles").addColumn("records", "text").execute();
    await backfillCycles(db);
  },
};
