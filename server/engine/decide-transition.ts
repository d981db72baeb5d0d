/**
 * Decides one transition, purely: from a dossier's state, data and facts, an
 * event, its input and the person sending it, either the next state (with the
 * states entered and left, the new facts and evaluation) or a refusal that
 * says why — wrong state, role, invalid input, or a guard and its reasons.
 * The next state comes from XState's pure `transition()`.
 */
import { transition } from "xstate";
import { evaluateGuard } from "../../workflows/guards";
import type { GuardEnv, GuardReason } from "../../workflows/types";
import type { TransitionSummary } from "../config/check-machine";
import type { CompiledProcedure, Evaluation } from "./compile-procedure";
import { ancestry, fromStateValue, toStateValue } from "./lifecycle";

export type Role = "manager" | "instructor" | "committee" | "admin" | "system";
export type Actor = { id: string; role: Role; organisationId?: string; territoryCode?: string };
export const SYSTEM_ACTOR: Actor = { id: "system", role: "system" };

export type RefusalCode = "not_found" | "forbidden" | "wrong_state" | "role" | "input" | "guard" | "conflict" | "not_editable";

/** A refused operation: a stable code, a French message, and the detailed reasons. */
export class Refusal extends Error {
  constructor(readonly code: RefusalCode, message: string, readonly reasons: GuardReason[] = []) {
    super(message);
    this.name = "Refusal";
  }
}

export type DossierState = { state: string; data: Record<string, unknown>; facts: Record<string, unknown> };

export type Decision = {
  transition: TransitionSummary;
  toState: string;
  entered: string[];
  exited: string[];
  facts: Record<string, unknown>;
  evaluation: Evaluation;
};

function isEmptyInput(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === "object" && !Array.isArray(input) && Object.keys(input).length === 0);
}

export function stateLabel(procedure: CompiledProcedure, state: string): string {
  return procedure.states.get(state)?.label ?? state;
}

/** What guards see: the evaluation with the given facts, the input, the clock, the application's field errors. */
export function guardEnv(procedure: CompiledProcedure, dossier: DossierState, input: unknown, now: Date): { env: GuardEnv; evaluation: Evaluation } {
  const evaluation = procedure.evaluate(dossier.data, dossier.facts);
  return {
    evaluation,
    env: {
      context: evaluation.context,
      input: input ?? {},
      now,
      timeZone: procedure.pkg.manifest.timeZone,
      ruleResults: evaluation.ruleResults,
      applicationErrors: procedure.validateForm(procedure.pkg.manifest.applicationForm, dossier.data),
      deadlines: procedure.deadlines,
      computedLabels: procedure.computedLabels,
    },
  };
}

export function decideTransition(procedure: CompiledProcedure, dossier: DossierState, event: string, input: unknown, actor: Actor, now: Date): Decision {
  const actionLabel = procedure.eventLabel(event);
  const candidates = procedure.transitions.filter((t) => t.event === event && ancestry(dossier.state).includes(t.source));
  if (candidates.length === 0) {
    throw new Refusal("wrong_state", `L'action « ${actionLabel} » n'est pas possible quand le dossier est à l'état « ${stateLabel(procedure, dossier.state)} ».`);
  }
  const allowed = candidates.filter((t) => t.roles.includes(actor.role));
  if (allowed.length === 0) {
    throw new Refusal("role", `Le rôle « ${procedure.roleLabel(actor.role)} » ne permet pas l'action « ${actionLabel} ».`);
  }
  const form = allowed[0]!.form;
  if (form) {
    const errors = procedure.validateForm(form, input ?? {});
    if (errors.length > 0) {
      throw new Refusal("input", `Le formulaire « ${procedure.pkg.forms[form]!.title} » contient des erreurs.`, errors.map((e) => ({ code: "field", message: e.message, pointers: [e.pointer] })));
    }
  } else if (!isEmptyInput(input)) {
    throw new Refusal("input", `L'action « ${actionLabel} » n'attend aucune donnée.`, [{ code: "field", message: "aucune donnée attendue", pointers: ["/"] }]);
  }

  const facts = form ? { ...dossier.facts, [form]: input } : dossier.facts;
  const { env, evaluation } = guardEnv(procedure, { ...dossier, facts }, input, now);
  let chosen: TransitionSummary | undefined;
  let firstReasons: GuardReason[] = [];
  for (const candidate of allowed) {
    const verdict = candidate.guard ? evaluateGuard(candidate.guard, env) : { ok: true, reasons: [] };
    if (verdict.ok) {
      chosen = candidate;
      break;
    }
    if (firstReasons.length === 0) firstReasons = verdict.reasons;
  }
  if (!chosen) throw new Refusal("guard", `Les conditions de l'action « ${actionLabel} » ne sont pas remplies.`, firstReasons);

  const snapshot = procedure.machine.resolveState({ value: toStateValue(dossier.state) as never, context: undefined as never });
  const [next] = transition(procedure.machine, snapshot, { type: event, env });
  const toState = fromStateValue(next.value as never);
  if (!chosen.target || !ancestry(toState).includes(chosen.target)) {
    throw new Error(`lifecycle ambiguity: ${event} from ${dossier.state} went to ${toState}, expected ${chosen.target}`);
  }
  // States kept across the transition (XState v5 default, no re-entry): the common ancestry.
  const before = ancestry(dossier.state);
  const after = ancestry(toState);
  return {
    transition: chosen,
    toState,
    entered: after.filter((s) => !before.includes(s)),
    exited: before.filter((s) => !after.includes(s)).reverse(),
    facts,
    evaluation,
  };
}
