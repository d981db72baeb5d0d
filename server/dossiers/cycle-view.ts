/**
 * A label year as the dossier page shows it: its period and funding, its
 * report's status (awaited until its due date, overdue, filed, or closed when
 * the dossier ended without it), and each record the procedure declares
 * (present with its input, or absent).
 */
import type { CompiledProcedure } from "../engine/compile-procedure";
import type { CycleRow } from "../store/timer-store";

export type ReportStatus = "awaited" | "overdue" | "filed" | "closed";
export type CycleRecordView = { event: string; form: string; label: string; present: boolean; input: unknown; recordedAt: string | null };
export type CycleView = {
  year: number;
  opening: number;
  startsOn: string;
  /** Last day, inclusive. */
  endsOn: string;
  reportDueAt: string;
  reportStatus: ReportStatus;
  report: unknown;
  reportFiledAt: string | null;
  funding: number | null;
  fundingFormula: string;
  outcome: string;
  records: CycleRecordView[];
};

export function reportStatusOf(row: CycleRow): ReportStatus {
  if (row.report_filed_at !== null) return "filed";
  if (row.outcome === "closed") return "closed";
  return row.outcome === "overdue" ? "overdue" : "awaited";
}

export function toCycleView(row: CycleRow, procedure: CompiledProcedure): CycleView {
  const stored = JSON.parse(row.records ?? "{}") as Record<string, { input: unknown; recordedAt: string } | undefined>;
  return {
    year: row.year_index, opening: row.opening, startsOn: row.starts_on, endsOn: row.ends_on, reportDueAt: row.report_due_at,
    reportStatus: reportStatusOf(row), report: row.report ? JSON.parse(row.report) : null, reportFiledAt: row.report_filed_at,
    funding: row.funding, fundingFormula: row.funding_formula, outcome: row.outcome,
    records: (procedure.pkg.manifest.cycles?.records ?? []).map((r) => {
      const record = stored[r.form];
      return { event: r.event, form: r.form, label: r.label, present: record !== undefined, input: record?.input ?? null, recordedAt: record?.recordedAt ?? null };
    }),
  };
}
