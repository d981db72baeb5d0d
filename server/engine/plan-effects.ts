/**
 * What a transition schedules, purely: the durable timers of the states it
 * enters, and the annual cycles an event opens (start, end, report due date,
 * the year's funding from the package's formula).
 */
import { Temporal } from "temporal-polyfill";
import { computeTimerDue } from "../../workflows/timers";
import type { CompiledProcedure, Evaluation } from "./compile-procedure";

export type PlannedTimer = { state: string; event: string; dueAt: Date };
export type PlannedCycle = { startsOn: string; endsOn: string; reportDueAt: Date; funding: number | null; fundingFormula: string };

function read(root: Record<string, unknown>, path: string): unknown {
  let value: unknown = root;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function plannedTimers(procedure: CompiledProcedure, entered: string[], context: { data: unknown; facts: unknown }, enteredAt: Date): PlannedTimer[] {
  const out: PlannedTimer[] = [];
  for (const state of entered) {
    for (const timer of procedure.states.get(state)?.timers ?? []) {
      const dueAt = computeTimerDue(timer, {
        enteredAt,
        read: (path) => read(context as Record<string, unknown>, path),
        parameters: procedure.parameters,
        timeZone: procedure.pkg.manifest.timeZone,
      });
      if (dueAt) out.push({ state, event: timer.event, dueAt });
    }
  }
  return out;
}

export function plannedCycles(procedure: CompiledProcedure, event: string, input: unknown, evaluation: Evaluation): PlannedCycle[] {
  const cycles = procedure.pkg.manifest.cycles;
  if (!cycles) return [];
  const out: PlannedCycle[] = [];
  for (const opening of cycles.openOn.filter((o) => o.event === event)) {
    const start = read({ input }, opening.startDate);
    if (typeof start !== "string") continue;
    const first = Temporal.PlainDate.from(start);
    const funding = evaluation.context.computed[opening.funding];
    for (let k = 0; k < opening.years; k++) {
      const startsOn = first.add({ years: k }).toString();
      const reportDueAt = computeTimerDue({ event: "report", from: "input.start", at: cycles.reportDue }, {
        enteredAt: new Date(0),
        read: () => startsOn,
        parameters: procedure.parameters,
        timeZone: procedure.pkg.manifest.timeZone,
      })!;
      out.push({
        startsOn,
        endsOn: first.add({ years: k + 1 }).toString(),
        reportDueAt,
        funding: typeof funding === "number" ? funding : null,
        fundingFormula: opening.funding,
      });
    }
  }
  return out;
}
