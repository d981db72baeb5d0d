/**
 * Moves the open dossiers of a procedure to a newer published version, each
 * in its own transaction, and reports per dossier why one cannot move: its
 * state no longer exists, or its data fails the new schema (only the shape is
 * checked for dossiers whose data is still editable, like drafts).
 */
import { Refusal, type Actor } from "../engine/decide-transition";
import { searchText } from "../engine/search-text";
import { findDossier, openDossiersNotOn, updateDossier } from "../store/dossier-store";
import { ancestry } from "../engine/lifecycle";
import { plannedTimers } from "../engine/plan-effects";
import { stateEnteredAt } from "../store/event-store";
import { cancelTimers } from "../store/timer-store";
import { scheduleTimers } from "./apply-event";
import { appendAudit } from "./audit-trail";
import type { EngineContext } from "./context";
import { shapeErrors } from "./draft-operations";

export type MigrationEntry = { dossierId: string; fromVersion: string; moved: boolean; reasons: Array<{ pointer?: string; message: string }> };
export type MigrationReport = { toVersion: string; moved: number; kept: number; dossiers: MigrationEntry[] };

export async function migrateOpenDossiers(ctx: EngineContext, procedureId: string, toVersionId: string, actor: Actor): Promise<MigrationReport> {
  if (actor.role !== "admin" && actor.role !== "system") throw new Refusal("role", "Seule l'administration peut migrer des dossiers vers une nouvelle version.");
  const target = await ctx.registry.get(toVersionId);
  if (target.id !== procedureId) throw new Refusal("input", `La version ${toVersionId.slice(0, 12)} n'appartient pas à la procédure « ${procedureId} ».`);
  const report: MigrationReport = { toVersion: toVersionId, moved: 0, kept: 0, dossiers: [] };
  for (const candidate of await openDossiersNotOn(ctx.db.kysely, procedureId, toVersionId)) {
    const entry: MigrationEntry = { dossierId: candidate.id, fromVersion: candidate.version_id, moved: false, reasons: [] };
    const moved = await ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await findDossier(trx, candidate.id);
      if (!row || row.version_id === toVersionId) return false;
      const current = await ctx.registry.get(row.version_id, trx);
      if (current.pkg.manifest.territory.code !== target.pkg.manifest.territory.code) {
        entry.reasons.push({ message: "La nouvelle version relève d'un autre territoire." });
        return false;
      }
      const info = target.states.get(row.state);
      if (!info) {
        entry.reasons.push({ message: `L'état « ${row.state} » n'existe pas dans la nouvelle version.` });
        return false;
      }
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const errors = target.validateForm(target.pkg.manifest.applicationForm, data);
      const blocking = info.dataEditable ? shapeErrors(errors) : errors;
      entry.reasons.push(...blocking.map((e) => ({ pointer: e.pointer, message: e.message })));
      if (blocking.length > 0) return false;
      const facts = JSON.parse(row.facts) as Record<string, unknown>;
      const { context, ruleResults } = target.evaluate(data, facts);
      const ok = await updateDossier(trx, row.id, row.version, {
        version_id: toVersionId, computed: JSON.stringify(context.computed), rule_results: JSON.stringify(ruleResults),
        search_text: searchText(data, target.pkg.manifest.search?.fields ?? []), updated_at: ctx.clock().toISOString(),
      });
      if (!ok) {
        entry.reasons.push({ message: "Le dossier a été modifié pendant la migration ; relancez-la." });
        return false;
      }
      // The new version's timers replace the old ones for the states the dossier is in.
      const now = ctx.clock();
      const states = ancestry(row.state);
      await cancelTimers(trx, row.id, states, now.toISOString());
      const enteredAt = new Date((await stateEnteredAt(trx, row.id, row.state)) ?? now.toISOString());
      await scheduleTimers(trx, row.id, plannedTimers(target, states, { data, facts }, enteredAt), now.toISOString());
      await appendAudit(trx, {
        dossierId: row.id, at: ctx.clock(), actor, event: "MIGRATE", fromState: row.state, toState: row.state, input: { fromVersion: row.version_id, toVersion: toVersionId },
        ruleResults, before: { version: row.version_id }, after: { version: toVersionId },
      });
      return true;
    });
    entry.moved = moved;
    report[moved ? "moved" : "kept"]++;
    report.dossiers.push(entry);
  }
  return report;
}
