/**
 * Decides one transition, purely: from a dossier's state, data and facts, an
 * event, its input and the person sending it, either the next state (with the
 * states entered and left, the new facts and evaluation) or a refusal that
 * says why — wrong state, role, invalid input, or a guard and its reasons.
 * The transition is chosen by select-transition.ts; the next state comes from
 * XState's pure `transition()`, which must agree. A targetless transition
 * keeps the dossier in its state: nothing entered, nothing left.
 */
import { transition } from "xstate";
import type { TransitionSummary } from "./machine-graph";
import type { CompiledProcedure, Evaluation } from "./compile-procedure";
import type { DossierState } from "./guard-env";
import { ancestry, fromStateValue, toStateValue } from "./lifecycle";
import { Refusal, type Actor } from "./refusal";
import { selectTransition } from "./select-transition";

export { Refusal, SYSTEM_ACTOR, type Actor, type RefusalCode, type Role } from "./refusal";
export { guardEnv, stateLabel, type DossierState } from "./guard-env";

export type Decision = {
  transition: TransitionSummary;
  toState: string;
  /** True when the transition has no target: the dossier stays, its timers untouched. */
  targetless: boolean;
  entered: string[];
  exited: string[];
  facts: Record<string, unknown>;
  evaluation: Evaluation;
};

export function decideTransition(procedure: CompiledProcedure, dossier: DossierState, event: string, input: unknown, actor: Actor, now: Date): Decision {
  const selection = selectTransition(procedure, dossier, event, input, actor, now, "send");
  const chosen = selection.chosen;
  if (!chosen) throw new Refusal("guard", `Les conditions de l'action « ${procedure.eventLabel(event)} » ne sont pas remplies.`, selection.reasons);

  const snapshot = procedure.machine.resolveState({ value: toStateValue(dossier.state) as never, context: undefined as never });
  const [next] = transition(procedure.machine, snapshot, { type: event, env: selection.env });
  const toState = fromStateValue(next.value as never);
  const agrees = chosen.target === null ? toState === dossier.state : ancestry(toState).includes(chosen.target);
  if (!agrees) throw new Error(`lifecycle ambiguity: ${event} from ${dossier.state} went to ${toState}, expected ${chosen.target ?? "no move"}`);
  // States kept across the transition (XState v5 default, no re-entry): the common ancestry.
  const before = ancestry(dossier.state);
  const after = ancestry(toState);
  return {
    transition: chosen,
    toState,
    targetless: chosen.target === null,
    entered: after.filter((s) => !before.includes(s)),
    exited: before.filter((s) => !after.includes(s)).reverse(),
    facts: selection.facts,
    evaluation: selection.evaluation,
  };
}
