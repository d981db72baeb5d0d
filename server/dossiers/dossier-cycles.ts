/**
 * A stored dossier's label years, inside the caller's transaction: read as
 * the engine reasons about them (with the period and submission that every
 * evaluation of the dossier receives), and written as an event planned them
 * (years opened with their report timers, a report filed, a record attached,
 * the years an ending closes).
 */
import type { EvaluationExtras } from "../../workflows/types";
import type { CompiledProcedure } from "../engine/compile-procedure";
import { periodOf, type CycleFacts, type CycleOutcome } from "../engine/period";
import type { CyclePlan } from "../engine/plan-cycles";
import type { DossierRow, Executor } from "../store/dossier-store";
import { cancelDossierTimers, closeUnreportedCycles, cyclesOf, insertCycles, insertTimers, updateCycle, type CycleRow } from "../store/timer-store";
import { uuidv7 } from "./context";

export function cycleFacts(row: CycleRow): CycleFacts {
  return {
    id: row.id, yearIndex: row.year_index, opening: row.opening, startsOn: row.starts_on, endsOn: row.ends_on,
    outcome: row.outcome as CycleOutcome, reportFiled: row.report_filed_at !== null,
  };
}

export type StoredCycles = { rows: CycleRow[]; facts: CycleFacts[] };

export async function storedCycles(trx: Executor, dossierId: string): Promise<StoredCycles> {
  const rows = await cyclesOf(trx, dossierId);
  return { rows, facts: rows.map(cycleFacts) };
}

/** What an evaluation of the stored dossier knows beyond its data and facts. */
export function extrasOf(row: Pick<DossierRow, "submitted_at">, cycles: CycleFacts[]): EvaluationExtras {
  return { submittedAt: row.submitted_at, period: periodOf(cycles) };
}

type WriteContext = { dossierId: string; state: string; input: unknown; at: string };

/** Writes what `plan` says; the report timers of new years use the procedure's overdue event. */
export async function writeCyclePlan(trx: Executor, procedure: CompiledProcedure, stored: StoredCycles, plan: CyclePlan, w: WriteContext): Promise<void> {
  const overdueEvent = procedure.pkg.manifest.cycles?.overdueEvent;
  if (plan.report) {
    await updateCycle(trx, plan.report.id, { report: JSON.stringify(w.input ?? {}), report_filed_at: w.at, outcome: "reported" });
    await cancelDossierTimers(trx, w.dossierId, "cycle", w.at, "bilan déposé", [plan.report.id]);
  }
  if (plan.record) {
    const row = stored.rows.find((r) => r.id === plan.record!.cycle.id)!;
    const records = JSON.parse(row.records ?? "{}") as Record<string, unknown>;
    records[plan.record.form] = { input: w.input ?? {}, recordedAt: w.at };
    await updateCycle(trx, row.id, { records: JSON.stringify(records) });
  }
  const opened = plan.opened.map((c) => ({ ...c, id: uuidv7() }));
  await insertCycles(trx, opened.map((c) => ({
    id: c.id, dossier_id: w.dossierId, year_index: c.yearIndex, opening: c.opening, starts_on: c.startsOn, ends_on: c.endsOn,
    report_due_at: c.reportDueAt.toISOString(), report: null, report_filed_at: null, funding: c.funding, funding_formula: c.fundingFormula, outcome: "open", records: null,
  })));
  if (overdueEvent) await scheduleCycleTimers(trx, w.dossierId, w.state, overdueEvent, opened.map((c) => ({ id: c.id, dueAt: c.reportDueAt.toISOString() })), w.at);
  if (plan.closes) await closeUnreportedCycles(trx, w.dossierId);
}

/** One report timer per year, due at the year's report due date. */
export async function scheduleCycleTimers(trx: Executor, dossierId: string, state: string, event: string, cycles: Array<{ id: string; dueAt: string }>, at: string): Promise<void> {
  await insertTimers(trx, cycles.map((c) => ({
    id: uuidv7(), dossier_id: dossierId, state, event, due_at: c.dueAt, status: "scheduled", created_at: at, fired_at: null, outcome: null, cycle_id: c.id,
  })));
}
