/**
 * What guards see when the engine decides about a stored dossier: its
 * evaluation (with its submission and current period), the input, the
 * clock, the application's field errors, the deadlines.
 */
import type { EvaluationExtras, GuardEnv } from "../../workflows/types";
import type { CompiledProcedure, Evaluation } from "./compile-procedure";

export type DossierState = { state: string; data: Record<string, unknown>; facts: Record<string, unknown>; extras?: EvaluationExtras };

export function stateLabel(procedure: CompiledProcedure, state: string): string {
  return procedure.states.get(state)?.label ?? state;
}

export function guardEnv(procedure: CompiledProcedure, dossier: DossierState, input: unknown, now: Date): { env: GuardEnv; evaluation: Evaluation } {
  const evaluation = procedure.evaluate(dossier.data, dossier.facts, dossier.extras);
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
