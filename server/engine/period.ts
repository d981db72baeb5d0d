/**
 * A dossier's label years as the engine reasons about them, and the current
 * label period read by expressions (`period.*`): the cycles opened by the
 * latest opening event (e.g. the first year, or the two years of a renewal).
 */
import { Temporal } from "temporal-polyfill";
import type { PeriodView } from "../../workflows/types";

export type CycleOutcome = "open" | "overdue" | "reported" | "closed";

export type CycleFacts = {
  id: string;
  yearIndex: number;
  /** Which opening created it (1, 2, 3… per dossier). */
  opening: number;
  startsOn: string;
  /** Last day, inclusive. */
  endsOn: string;
  outcome: CycleOutcome;
  reportFiled: boolean;
};

export function dayAfter(date: string): string {
  return Temporal.PlainDate.from(date).add({ days: 1 }).toString();
}

/** Whether the cycle still waits for its report (not filed, not closed; overdue ones included). */
export function awaitsReport(cycle: CycleFacts): boolean {
  return !cycle.reportFiled && cycle.outcome !== "closed";
}

/** The current period, or null while the dossier has no cycle. */
export function periodOf(cycles: CycleFacts[]): PeriodView | null {
  if (cycles.length === 0) return null;
  const latest = Math.max(...cycles.map((c) => c.opening));
  const current = cycles.filter((c) => c.opening === latest);
  const startsOn = current.map((c) => c.startsOn).sort()[0]!;
  const endsOn = current.map((c) => c.endsOn).sort().at(-1)!;
  return {
    startsOn,
    endsOn,
    nextStartsOn: dayAfter(endsOn),
    years: current.length,
    cycleCount: cycles.length,
    reportsAwaited: cycles.filter((c) => c.outcome === "open" && !c.reportFiled).length,
    reportsOverdue: cycles.filter((c) => c.outcome === "overdue" && !c.reportFiled).length,
  };
}
