/**
 * Moves the open dossiers of a procedure to a newer published version, each
 * in its own transaction, and reports per dossier what changed or why one
 * cannot move: its state no longer exists (and the new version's
 * `migration.states` does not replace it), or its data fails the new schema
 * (only the shape is checked for dossiers whose data is still editable, like
 * drafts). A moved dossier's timers are planned again with the new version:
 * its states' timers from when it entered them (with its period and facts),
 * and a report timer for each open label year that lacks one. Nothing else
 * of the dossier changes.
 */
import type { RuleResult } from "../../workflows/types";
import { Refusal, type Actor } from "../engine/decide-transition";
import type { CompiledProcedure } from "../engine/compile-procedure";
import { searchText } from "../engine/search-text";
import { findDossier, moveCount, openDossiersNotOn, updateDossier, type DossierRow, type Executor } from "../store/dossier-store";
import { ancestry, enteredAtOf } from "../engine/lifecycle";
import { plannedTimers } from "../engine/plan-effects";
import type { EvaluationContext } from "../../workflows/types";
import { stateMoves } from "../store/event-store";
import { cancelDossierTimers, timersOf } from "../store/timer-store";
import { scheduleTimers } from "./apply-event";
import { appendAudit } from "./audit-trail";
import type { EngineContext } from "./context";
import { extrasOf, scheduleCycleTimers, storedCycles, type StoredCycles } from "./dossier-cycles";
import { shapeErrors } from "./draft-operations";

export type MigrationEntry = { dossierId: string; fromVersion: string; moved: boolean; reasons: Array<{ pointer?: string; message: string }>; notes: string[] };
export type MigrationReport = { toVersion: string; moved: number; kept: number; dossiers: MigrationEntry[] };

/** Blocking rules the new version fails that the dossier did not fail before (an admin should know before it matters). */
function newlyFailing(before: string, after: RuleResult[]): RuleResult[] {
  let failed = new Set<string>();
  try {
    failed = new Set((JSON.parse(before) as RuleResult[]).filter((r) => r.status === "fail").map((r) => r.name));
  } catch {
    // Unreadable stored results: every failing rule is news.
  }
  return after.filter((r) => r.status === "fail" && r.severity === "blocking" && !failed.has(r.name));
}

/** The dossier's timers, planned again with the target version, in state `to` (mapped from `row.state`). */
async function replanTimers(trx: Executor, target: CompiledProcedure, row: DossierRow, to: string, context: EvaluationContext, cycles: StoredCycles, at: string): Promise<void> {
  const outcome = `remplacée par la version ${target.hash.slice(0, 12)}`;
  await cancelDossierTimers(trx, row.id, "state", at, outcome);
  const moves = await stateMoves(trx, row.id);
  const kept = ancestry(row.state);
  // A state kept from the old version was entered when the audit says; a new one, when the dossier entered its old state.
  const enteredAt = (state: string) => new Date(enteredAtOf(moves, kept.includes(state) ? state : row.state) ?? at);
  // A compound state's timer whose event the dossier's current sub-state no longer takes has already done its work
  // (e.g. a label year that ended under the old version): planning it again would only fail.
  const states = ancestry(to);
  const accepted = (event: string) => target.transitions.some((t) => t.event === event && states.includes(t.source));
  await scheduleTimers(trx, row.id, plannedTimers(target, states, context, enteredAt).filter((t) => accepted(t.event)), at);

  const overdueEvent = target.pkg.manifest.cycles?.overdueEvent;
  const cycleTimers = (await timersOf(trx, row.id)).filter((t) => t.status === "scheduled" && t.cycle_id !== null);
  const stale = cycleTimers.filter((t) => t.event !== overdueEvent).map((t) => t.cycle_id!);
  await cancelDossierTimers(trx, row.id, "cycle", at, outcome, stale);
  if (!overdueEvent) return;
  const covered = new Set(cycleTimers.filter((t) => t.event === overdueEvent).map((t) => t.cycle_id));
  const missing = cycles.rows.filter((c) => c.outcome === "open" && c.report_filed_at === null && !covered.has(c.id));
  await scheduleCycleTimers(trx, row.id, to, overdueEvent, missing.map((c) => ({ id: c.id, dueAt: c.report_due_at })), at);
}

async function migrateOne(ctx: EngineContext, trx: Executor, dossierId: string, target: CompiledProcedure, actor: Actor, entry: MigrationEntry): Promise<boolean> {
  const row = await findDossier(trx, dossierId);
  if (!row || row.version_id === target.hash) return false;
  const current = await ctx.registry.get(row.version_id, trx);
  if (current.pkg.manifest.territory.code !== target.pkg.manifest.territory.code) {
    entry.reasons.push({ message: "La nouvelle version relève d'un autre territoire." });
    return false;
  }
  const replacements = target.pkg.manifest.migration?.states ?? {};
  const to = target.states.has(row.state) ? row.state : Object.hasOwn(replacements, row.state) ? replacements[row.state] : undefined;
  const info = to === undefined ? undefined : target.states.get(to);
  if (to === undefined || !info) {
    entry.reasons.push({ message: `L'état « ${row.state} » n'existe pas dans la nouvelle version, et sa section « migration.states » ne le remplace pas.` });
    return false;
  }
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const errors = target.validateForm(target.pkg.manifest.applicationForm, data);
  const blocking = info.dataEditable ? shapeErrors(errors) : errors;
  entry.reasons.push(...blocking.map((e) => ({ pointer: e.pointer, message: e.message })));
  if (blocking.length > 0) return false;

  const facts = JSON.parse(row.facts) as Record<string, unknown>;
  const cycles = await storedCycles(trx, row.id);
  const { context, ruleResults } = target.evaluate(data, facts, extrasOf(row, cycles.facts));
  const now = ctx.clock();
  const at = now.toISOString();
  const ok = await updateDossier(trx, row.id, row.version, {
    version_id: target.hash, state: to, computed: JSON.stringify(context.computed), rule_results: JSON.stringify(ruleResults),
    search_text: searchText(data, target.pkg.manifest.search?.fields ?? []), updated_at: at,
  });
  if (!ok) {
    entry.reasons.push({ message: "Le dossier a été modifié pendant la migration ; relancez-la." });
    return false;
  }
  if (to !== row.state) {
    await moveCount(trx, row, row.state, to);
    entry.notes.push(`état ${row.state} → ${to}`);
  }
  entry.notes.push(...newlyFailing(row.rule_results, ruleResults).map((r) => `règle « ${r.label} » désormais non respectée${r.message ? ` : ${r.message}` : ""}`));
  await replanTimers(trx, target, row, to, context, cycles, at);
  await appendAudit(trx, {
    dossierId: row.id, at: now, actor, event: "MIGRATE", fromState: row.state, toState: to, input: { fromVersion: row.version_id, toVersion: target.hash },
    ruleResults, before: { version: row.version_id, state: row.state }, after: { version: target.hash, state: to },
  });
  return true;
}

export async function migrateOpenDossiers(ctx: EngineContext, procedureId: string, toVersionId: string, actor: Actor): Promise<MigrationReport> {
  if (actor.role !== "admin" && actor.role !== "system") throw new Refusal("role", "Seule l'administration peut migrer des dossiers vers une nouvelle version.");
  const target = await ctx.registry.get(toVersionId);
  if (target.id !== procedureId) throw new Refusal("input", `La version ${toVersionId.slice(0, 12)} n'appartient pas à la procédure « ${procedureId} ».`);
  const report: MigrationReport = { toVersion: toVersionId, moved: 0, kept: 0, dossiers: [] };
  for (const candidate of await openDossiersNotOn(ctx.db.kysely, procedureId, toVersionId)) {
    const entry: MigrationEntry = { dossierId: candidate.id, fromVersion: candidate.version_id, moved: false, reasons: [], notes: [] };
    const moved = await ctx.db.kysely.transaction().execute((trx) => migrateOne(ctx, trx, candidate.id, target, actor, entry));
    entry.moved = moved;
    report[moved ? "moved" : "kept"]++;
    report.dossiers.push(entry);
  }
  return report;
}
