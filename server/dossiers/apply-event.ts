/**
 * Applies one lifecycle event to a dossier inside the caller's transaction:
 * decide (pure), then write the new state and facts with the version check,
 * cancel the timers of the states left, schedule those of the states entered,
 * open or update annual cycles, and append the audit event.
 */
import { decideTransition, Refusal, type Actor } from "../engine/decide-transition";
import { plannedCycles, plannedTimers, type PlannedTimer } from "../engine/plan-effects";
import { findDossier, moveCount, updateDossier, type Executor } from "../store/dossier-store";
import { cancelTimers, cyclesOf, insertCycles, insertTimers, pendingCycle, updateCycle } from "../store/timer-store";
import { appendAudit } from "./audit-trail";
import { loadAuthorized } from "./authorize";
import { uuidv7, type EngineContext } from "./context";
import { toView, type DossierView } from "./dossier-view";

export function conflict(expected: number, actual: number): Refusal {
  return new Refusal("conflict", `Le dossier a été modifié entre-temps (version ${expected} attendue, version ${actual} actuelle). Rechargez-le avant de recommencer.`);
}

/** Stores the timers planned for the states a dossier enters. */
export async function scheduleTimers(trx: Executor, dossierId: string, planned: PlannedTimer[], at: string): Promise<void> {
  await insertTimers(trx, planned.map((t) => ({
    id: uuidv7(), dossier_id: dossierId, state: t.state, event: t.event, due_at: t.dueAt.toISOString(), status: "scheduled", created_at: at, fired_at: null, outcome: null,
  })));
}

export async function applyEvent(ctx: EngineContext, trx: Executor, dossierId: string, event: string, input: unknown, actor: Actor, expectedVersion?: number): Promise<DossierView> {
  const { row, procedure } = await loadAuthorized(ctx, trx, dossierId, actor);
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw conflict(expectedVersion, row.version);

  const now = ctx.clock();
  const at = now.toISOString();
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const facts = JSON.parse(row.facts) as Record<string, unknown>;
  const decision = decideTransition(procedure, { state: row.state, data, facts }, event, input, actor, now);
  const final = procedure.states.get(decision.toState)?.final ?? false;
  const changes = {
    state: decision.toState,
    is_open: final ? 0 : 1,
    facts: JSON.stringify(decision.facts),
    computed: JSON.stringify(decision.evaluation.context.computed),
    rule_results: JSON.stringify(decision.evaluation.ruleResults),
    updated_at: at,
    ...(event === procedure.pkg.manifest.actions.submit ? { submitted_at: at } : {}),
  };
  if (!(await updateDossier(trx, dossierId, row.version, changes))) {
    const current = await findDossier(trx, dossierId);
    throw conflict(row.version, current?.version ?? row.version);
  }

  await moveCount(trx, row, row.state, decision.toState);
  await cancelTimers(trx, dossierId, decision.exited, at);
  await scheduleTimers(trx, dossierId, plannedTimers(procedure, decision.entered, { data, facts: decision.facts }, now), at);

  const cycles = procedure.pkg.manifest.cycles;
  if (cycles) {
    const opened = plannedCycles(procedure, event, input, decision.evaluation);
    if (opened.length > 0) {
      const existing = (await cyclesOf(trx, dossierId)).length;
      await insertCycles(trx, opened.map((c, i) => ({
        id: uuidv7(), dossier_id: dossierId, year_index: existing + i + 1, starts_on: c.startsOn, ends_on: c.endsOn,
        report_due_at: c.reportDueAt.toISOString(), report: null, report_filed_at: null, funding: c.funding, funding_formula: c.fundingFormula, outcome: "open",
      })));
    }
    if (event === cycles.reportEvent || event === cycles.overdueEvent) {
      const pending = await pendingCycle(trx, dossierId);
      if (pending && event === cycles.reportEvent) await updateCycle(trx, pending.id, { report: JSON.stringify(input), report_filed_at: at, outcome: "reported" });
      else if (pending) await updateCycle(trx, pending.id, { outcome: "overdue" });
    }
  }

  await appendAudit(trx, {
    dossierId, at: now, actor, event, fromState: row.state, toState: decision.toState, input,
    ruleResults: decision.evaluation.ruleResults, before: { facts }, after: { facts: decision.facts },
  });
  return toView({ ...row, ...changes, version: row.version + 1 }, procedure);
}
