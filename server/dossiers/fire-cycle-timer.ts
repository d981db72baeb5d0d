/**
 * A label year's report timer, when due and the report still not filed: the
 * year becomes "overdue"; if the dossier's state takes the overdue event from
 * the system, the transition is applied; otherwise (or if its guard refuses)
 * the lateness is still recorded — an audit event that stays in the state,
 * and a new dossier version. Such a timer never fails for that reason.
 */
import { Refusal, SYSTEM_ACTOR } from "../engine/decide-transition";
import { findDossier, updateDossier, type Executor } from "../store/dossier-store";
import { findCycle, updateCycle, type CycleRow, type TimerRow } from "../store/timer-store";
import { conflict, applyEvent } from "./apply-event";
import { appendAudit } from "./audit-trail";
import { loadAuthorized } from "./authorize";
import type { EngineContext } from "./context";
import { extrasOf, storedCycles } from "./dossier-cycles";

export type CycleTimerResult = { status: "fired" | "cancelled"; outcome: string };

async function recordOverdue(ctx: EngineContext, trx: Executor, timer: TimerRow, cycle: CycleRow): Promise<void> {
  const { row, procedure } = await loadAuthorized(ctx, trx, timer.dossier_id, SYSTEM_ACTOR);
  const cycles = await storedCycles(trx, row.id);
  const evaluation = procedure.evaluate(JSON.parse(row.data), JSON.parse(row.facts), extrasOf(row, cycles.facts));
  const now = ctx.clock();
  const changed = await updateDossier(trx, row.id, row.version, {
    computed: JSON.stringify(evaluation.context.computed), rule_results: JSON.stringify(evaluation.ruleResults), updated_at: now.toISOString(),
  });
  if (!changed) throw conflict(row.version, (await findDossier(trx, row.id))?.version ?? row.version);
  await appendAudit(trx, {
    dossierId: row.id, at: now, actor: SYSTEM_ACTOR, event: timer.event, fromState: row.state, toState: row.state, input: {},
    ruleResults: evaluation.ruleResults, before: { cycle: { year: cycle.year_index, outcome: cycle.outcome } }, after: { cycle: { year: cycle.year_index, outcome: "overdue" } },
  });
}

export async function fireCycleTimer(ctx: EngineContext, trx: Executor, timer: TimerRow): Promise<CycleTimerResult> {
  const cycle = await findCycle(trx, timer.cycle_id!);
  if (!cycle || cycle.report_filed_at !== null || cycle.outcome === "closed") return { status: "cancelled", outcome: "bilan déposé ou année close" };
  await updateCycle(trx, cycle.id, { outcome: "overdue" });
  try {
    await applyEvent(ctx, trx, timer.dossier_id, timer.event, {}, SYSTEM_ACTOR);
    return { status: "fired", outcome: "ok" };
  } catch (error) {
    if (!(error instanceof Refusal) || error.code === "conflict") throw error;
    await recordOverdue(ctx, trx, timer, cycle);
    return { status: "fired", outcome: `retard enregistré, sans changement d'état (${error.message})` };
  }
}
