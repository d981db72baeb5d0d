/**
 * What entering states schedules, purely: the durable timers declared on the
 * states entered, computed from the dossier as it is once the transition is
 * applied (its facts, computed values and current period), and the report
 * timer of each label year opened. The years an event opens are planned by
 * plan-cycles.ts.
 */
import { readOwnPath } from "../../workflows/read-path";
import type { EvaluationContext } from "../../workflows/types";
import { computeTimerDue } from "../../workflows/timers";
import type { CompiledProcedure } from "./compile-procedure";

export type PlannedTimer = { state: string; event: string; dueAt: Date };

const read = readOwnPath;

/**
 * The timers of the states entered. `context` is the evaluation after the
 * transition (with the period its cycles open); `enteredAt` the instant each
 * state was entered (one instant for all, or per state when re-planning).
 */
export function plannedTimers(procedure: CompiledProcedure, entered: string[], context: Pick<EvaluationContext, "data" | "facts" | "computed" | "period">, enteredAt: Date | ((state: string) => Date)): PlannedTimer[] {
  const out: PlannedTimer[] = [];
  for (const state of entered) {
    for (const timer of procedure.states.get(state)?.timers ?? []) {
      const dueAt = computeTimerDue(timer, {
        enteredAt: typeof enteredAt === "function" ? enteredAt(state) : enteredAt,
        read: (path) => read(context, path),
        parameters: procedure.parameters,
        timeZone: procedure.pkg.manifest.timeZone,
      });
      if (dueAt) out.push({ state, event: timer.event, dueAt });
    }
  }
  return out;
}
