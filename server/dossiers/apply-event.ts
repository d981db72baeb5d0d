/**
 * Applies one lifecycle event to a dossier inside the caller's transaction.
 * Everything that may refuse comes first and writes nothing: the decision
 * (pure), what the event does to the label years (pure), the ownership of
 * the attachments it names. Then: the new state, facts and evaluation (with
 * the period once the event's years are opened) under the version check; the
 * timers of the states left cancelled and those of the states entered
 * scheduled (none of that for a targetless transition); the years written;
 * on entering a final state, the years without report closed and every timer
 * cancelled; and the audit event.
 */
import { decideTransition, Refusal, type Actor } from "../engine/decide-transition";
import { periodOf } from "../engine/period";
import { planCycles } from "../engine/plan-cycles";
import { plannedTimers, type PlannedTimer } from "../engine/plan-effects";
import { findDossier, moveCount, updateDossier, type Executor } from "../store/dossier-store";
import { cancelDossierTimers, cancelTimers, insertTimers } from "../store/timer-store";
import { appendAudit } from "./audit-trail";
import { loadAuthorized } from "./authorize";
import { checkAttachmentOwnership } from "./check-attachments";
import { uuidv7, type EngineContext } from "./context";
import { extrasOf, storedCycles, writeCyclePlan } from "./dossier-cycles";
import { toView, type DossierView } from "./dossier-view";

export function conflict(expected: number, actual: number): Refusal {
  return new Refusal("conflict", `Le dossier a été modifié entre-temps (version ${expected} attendue, version ${actual} actuelle). Rechargez-le avant de recommencer.`);
}

/** Stores the timers planned for the states a dossier enters. */
export async function scheduleTimers(trx: Executor, dossierId: string, planned: PlannedTimer[], at: string): Promise<void> {
  await insertTimers(trx, planned.map((t) => ({
    id: uuidv7(), dossier_id: dossierId, state: t.state, event: t.event, due_at: t.dueAt.toISOString(), status: "scheduled", created_at: at, fired_at: null, outcome: null, cycle_id: null,
  })));
}

export async function applyEvent(ctx: EngineContext, trx: Executor, dossierId: string, event: string, input: unknown, actor: Actor, expectedVersion?: number): Promise<DossierView> {
  const { row, procedure } = await loadAuthorized(ctx, trx, dossierId, actor);
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw conflict(expectedVersion, row.version);

  const now = ctx.clock();
  const at = now.toISOString();
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const facts = JSON.parse(row.facts) as Record<string, unknown>;
  const cycles = await storedCycles(trx, dossierId);
  const decision = decideTransition(procedure, { state: row.state, data, facts, extras: extrasOf(row, cycles.facts) }, event, input, actor, now);
  const final = procedure.states.get(decision.toState)?.final ?? false;
  const plan = planCycles(procedure, { event, input, evaluation: decision.evaluation, cycles: cycles.facts, today: procedure.localDate(now), closes: final });
  // The system brings no data: a timer is never refused for what a person wrote. The data's files are checked when
  // the data stops being editable (the submission, an answer that hands the dossier back): later events, often the
  // staff's, are not refused for data their sender cannot change; an event's own input is always checked.
  const editable = (state: string) => procedure.states.get(state)?.dataEditable ?? false;
  const handsOver = event === procedure.pkg.manifest.actions.submit || (editable(row.state) && !editable(decision.toState) && !final);
  if (actor.role !== "system") await checkAttachmentOwnership(trx, procedure, dossierId, handsOver ? data : {}, decision.transition.form, input);

  const submittedAt = event === procedure.pkg.manifest.actions.submit ? at : row.submitted_at;
  const after = procedure.evaluate(data, decision.facts, { submittedAt, period: periodOf(plan.after) });
  const changes = {
    state: decision.toState,
    is_open: final ? 0 : 1,
    facts: JSON.stringify(decision.facts),
    computed: JSON.stringify(after.context.computed),
    rule_results: JSON.stringify(after.ruleResults),
    updated_at: at,
    submitted_at: submittedAt,
  };
  if (!(await updateDossier(trx, dossierId, row.version, changes))) {
    const current = await findDossier(trx, dossierId);
    throw conflict(row.version, current?.version ?? row.version);
  }

  if (!decision.targetless) {
    await moveCount(trx, row, row.state, decision.toState);
    await cancelTimers(trx, dossierId, decision.exited, at);
    if (!final) await scheduleTimers(trx, dossierId, plannedTimers(procedure, decision.entered, after.context, now), at);
  }
  await writeCyclePlan(trx, procedure, cycles, plan, { dossierId, state: decision.toState, input, at });
  if (final) await cancelDossierTimers(trx, dossierId, "all", at, "dossier clos");

  await appendAudit(trx, {
    dossierId, at: now, actor, event, fromState: row.state, toState: decision.toState, input,
    ruleResults: decision.evaluation.ruleResults, before: { facts }, after: { facts: decision.facts },
  });
  return toView({ ...row, ...changes, version: row.version + 1 }, procedure);
}
