/**
 * The one place that chooses, for an event sent by a person in a dossier's
 * state, which declared transition applies: the transitions of the state and
 * its parents for that event (deepest first), those open to the person's
 * role, the input form of the first of them, then every guarded alternative
 * in order until one passes. Sending an event (decide-transition.ts) and
 * listing the actions open now (open-transitions.ts) both call it, so what is
 * shown available is what sending accepts.
 */
import { dedupeReasons, evaluateGuard } from "../../workflows/guards";
import type { GuardEnv, GuardReason } from "../../workflows/types";
import type { TransitionSummary } from "./machine-graph";
import type { CompiledProcedure, Evaluation } from "./compile-procedure";
import { guardEnv, stateLabel, type DossierState } from "./guard-env";
import { ancestry } from "./lifecycle";
import { Refusal, type Actor } from "./refusal";

export type Selection = {
  /** The transitions the person may take for this event here, deepest first: the alternatives, tried in order. */
  allowed: TransitionSummary[];
  /** The input form of the event (that of the first alternative). */
  form: string | undefined;
  /** The first alternative whose guard passes, or null. */
  chosen: TransitionSummary | null;
  /** When none passes: the reasons of the first alternative that failed, each said once. */
  reasons: GuardReason[];
  facts: Record<string, unknown>;
  evaluation: Evaluation;
  env: GuardEnv;
};

function isEmptyInput(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === "object" && !Array.isArray(input) && Object.keys(input).length === 0);
}

/**
 * `send`: the input is checked against the event's form and becomes the
 * form's fact for the guards. `list`: nothing is filled in yet, guards see
 * an empty input and the stored facts.
 */
export function selectTransition(procedure: CompiledProcedure, dossier: DossierState, event: string, input: unknown, actor: Actor, now: Date, mode: "send" | "list" = "send"): Selection {
  const actionLabel = procedure.eventLabel(event);
  const candidates = procedure.transitions.filter((t) => t.event === event && ancestry(dossier.state).includes(t.source));
  if (candidates.length === 0) {
    throw new Refusal("wrong_state", `L'action « ${actionLabel} » n'est pas possible quand le dossier est à l'état « ${stateLabel(procedure, dossier.state)} ».`);
  }
  const allowed = candidates.filter((t) => t.roles.includes(actor.role));
  if (allowed.length === 0) throw new Refusal("role", `Le rôle « ${procedure.roleLabel(actor.role)} » ne permet pas l'action « ${actionLabel} ».`);
  const form = allowed[0]!.form;
  if (mode === "send" && form) {
    const errors = procedure.validateForm(form, input ?? {});
    if (errors.length > 0) {
      throw new Refusal("input", `Le formulaire « ${procedure.pkg.forms[form]!.title} » contient des erreurs.`, errors.map((e) => ({ code: "field", message: e.message, pointers: [e.pointer] })));
    }
  } else if (mode === "send" && !isEmptyInput(input)) {
    throw new Refusal("input", `L'action « ${actionLabel} » n'attend aucune donnée.`, [{ code: "field", message: "aucune donnée attendue", pointers: ["/"] }]);
  }

  const facts = mode === "send" && form ? { ...dossier.facts, [form]: input } : dossier.facts;
  const { env, evaluation } = guardEnv(procedure, { ...dossier, facts }, mode === "send" ? input : {}, now);
  let chosen: TransitionSummary | null = null;
  let reasons: GuardReason[] = [];
  for (const candidate of allowed) {
    const verdict = candidate.guard ? evaluateGuard(candidate.guard, env) : { ok: true, reasons: [] };
    if (verdict.ok) {
      chosen = candidate;
      break;
    }
    if (reasons.length === 0) reasons = verdict.reasons;
  }
  return { allowed, form, chosen, reasons: chosen ? [] : dedupeReasons(reasons), facts, evaluation, env };
}
