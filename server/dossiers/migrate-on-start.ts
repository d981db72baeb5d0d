/**
 * When `npm start` publishes a changed embedded package (a new version), the
 * open dossiers of its earlier versions would stay pinned to them. Outside
 * production they are migrated at once (the demo dossiers included) and the
 * migration report is printed; in production an admin decides, so only a hint
 * with the count is printed (migrating is one action on the admin screen or
 * `POST /api/procedures/:id/migrations`).
 */
import { SYSTEM_ACTOR } from "../engine/decide-transition";
import { openDossiersNotOn } from "../store/dossier-store";
import type { Db } from "../store/database";
import type { Engine } from "./engine";
import type { MigrationReport } from "./migrate-dossiers";

export type StartMigration = { report: MigrationReport | null; lines: string[] };

export async function migrateOnStart(engine: Engine, db: Db, published: { procedureId: string; versionId: string; created: boolean }, production: boolean): Promise<StartMigration> {
  if (!published.created) return { report: null, lines: [] };
  const waiting = await openDossiersNotOn(db.kysely, published.procedureId, published.versionId);
  if (waiting.length === 0) return { report: null, lines: [] };
  const version = published.versionId.slice(0, 12);
  if (production) {
    return { report: null, lines: [`${waiting.length} dossier(s) ouvert(s) relèvent d'une version antérieure de « ${published.procedureId} » : un administrateur peut les migrer vers la version ${version} (écran d'administration, ou POST /api/procedures/${published.procedureId}/migrations).`] };
  }
  const report = await engine.migrateOpenDossiers(published.procedureId, published.versionId, SYSTEM_ACTOR);
  const lines = [`Nouvelle version ${version} de « ${published.procedureId} » : ${report.moved} dossier(s) ouvert(s) migré(s), ${report.kept} resté(s) sur leur version.`];
  for (const entry of report.dossiers) {
    const notes = [...entry.notes, ...entry.reasons.map((r) => (r.pointer ? `${r.pointer} : ${r.message}` : r.message))];
    if (notes.length > 0) lines.push(`  dossier ${entry.dossierId} ${entry.moved ? "migré" : "non migré"} — ${notes.join(" ; ")}`);
  }
  return { report, lines };
}
