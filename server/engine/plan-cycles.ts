/**
 * What an event does to a dossier's label years, purely: the report it files
 * (on the earliest year still awaiting one, once that year has started), the
 * record it attaches (to the year whose period contains its date), the years
 * it opens (from a date of its input, or the day after the last year; never
 * overlapping), and the years an ending closes. Refusals say why in French,
 * naming the years' dates.
 */
import { readOwnPath } from "../../workflows/read-path";
import type { GuardReason } from "../../workflows/types";
import { computeTimerDue } from "../../workflows/timers";
import type { CompiledProcedure, Evaluation } from "./compile-procedure";
import { Refusal } from "./refusal";
import { frenchDate, frenchPeriod } from "./french-date";
import { Temporal } from "temporal-polyfill";
import { awaitsReport, dayAfter, type CycleFacts } from "./period";

export type PlannedCycle = CycleFacts & { reportDueAt: Date; funding: number | null; fundingFormula: string };

export type CyclePlan = {
  opened: PlannedCycle[];
  /** The year whose report this event files. */
  report: CycleFacts | null;
  /** The year a record of `form` is attached to. */
  record: { cycle: CycleFacts; form: string } | null;
  /** Whether the event ends the dossier: every year without report is closed. */
  closes: boolean;
  /** The dossier's years once the event is applied (for the period the new states' timers read). */
  after: CycleFacts[];
};

const read = readOwnPath;

const pointerOf = (path: string) => `/${path.split(".").join("/")}`;

function yearsList(cycles: CycleFacts[]): string {
  return cycles.map((c) => frenchPeriod(c.startsOn, c.endsOn)).join(", ");
}

/** Why the event cannot act on the years now, whatever its input (empty when it can). */
export function cycleConditions(procedure: CompiledProcedure, event: string, cycles: CycleFacts[], today: string): GuardReason[] {
  const manifest = procedure.pkg.manifest.cycles;
  if (!manifest) return [];
  const reasons: GuardReason[] = [];
  if (event === manifest.reportEvent) {
    const awaiting = cycles.find(awaitsReport);
    if (cycles.length === 0) reasons.push({ code: "cycle", message: "Aucun bilan n'est attendu : le dossier n'a encore aucune année de label." });
    else if (!awaiting) {
      const last = cycles.at(-1)!;
      reasons.push({ code: "cycle", message: `Aucun bilan n'est attendu : les bilans de toutes les années de label sont déposés ou clos (dernière année : ${frenchPeriod(last.startsOn, last.endsOn)}).` });
    } else if (awaiting.startsOn > today) {
      reasons.push({ code: "cycle", message: `Le bilan de l'année de label ${frenchPeriod(awaiting.startsOn, awaiting.endsOn)} ne peut être déposé qu'à partir du ${frenchDate(awaiting.startsOn)}.` });
    }
  }
  if (cycles.length === 0 && manifest.openOn.some((o) => o.event === event && o.startDate === undefined)) {
    reasons.push({ code: "cycle", message: `L'action « ${procedure.eventLabel(event)} » ouvre des années de label à la suite de la dernière, mais le dossier n'en a encore aucune.` });
  }
  return reasons;
}

function refuse(reasons: GuardReason[]): never {
  throw new Refusal(reasons.some((r) => r.code === "field") ? "input" : "guard", reasons.map((r) => r.message).join(" "), reasons);
}

function recordCycle(procedure: CompiledProcedure, event: string, input: unknown, cycles: CycleFacts[]): CyclePlan["record"] {
  const declared = procedure.pkg.manifest.cycles?.records?.find((r) => r.event === event);
  if (!declared) return null;
  const date = read(input, declared.dateField);
  const cycle = typeof date === "string" ? cycles.find((c) => c.startsOn <= date.slice(0, 10) && date.slice(0, 10) <= c.endsOn) : undefined;
  if (cycle) return { cycle, form: declared.form };
  const where = cycles.length === 0 ? "le dossier n'a encore aucune année de label" : `années du dossier : ${yearsList(cycles)}`;
  const when = typeof date === "string" ? ` (${frenchDate(date.slice(0, 10))})` : "";
  refuse([{ code: "field", message: `La date du compte rendu « ${declared.label} »${when} ne tombe dans aucune année de label (${where}).`, pointers: [pointerOf(declared.dateField)] }]);
}

function openCycles(procedure: CompiledProcedure, event: string, input: unknown, evaluation: Evaluation, existing: CycleFacts[]): PlannedCycle[] {
  const manifest = procedure.pkg.manifest.cycles!;
  const out: PlannedCycle[] = [];
  for (const opening of manifest.openOn.filter((o) => o.event === event)) {
    const all: CycleFacts[] = [...existing, ...out];
    let first: string;
    if (opening.startDate === undefined) {
      if (all.length === 0) refuse(cycleConditions(procedure, event, [], ""));
      first = dayAfter(all.map((c) => c.endsOn).sort().at(-1)!);
    } else {
      const start = read({ input }, opening.startDate);
      if (typeof start !== "string") {
        // Optional in its form, but needed here: opening no year would leave the dossier in its new state without a period.
        refuse([{ code: "field", pointers: [pointerOf(opening.startDate.slice("input.".length))], message: `La date de début des années de label (« ${opening.startDate.slice("input.".length)} ») est requise pour « ${procedure.eventLabel(event)} ».` }]);
      }
      const overlapping = all.find((c) => c.endsOn >= start);
      if (overlapping) {
        refuse([{
          code: "field", pointers: [pointerOf(opening.startDate.slice("input.".length))],
          message: `Chevauchement : les nouvelles années de label commenceraient le ${frenchDate(start)}, avant la fin de l'année ${frenchPeriod(overlapping.startsOn, overlapping.endsOn)} ; choisissez une date après le ${frenchDate(all.map((c) => c.endsOn).sort().at(-1)!)}.`,
        }]);
      }
      first = start;
    }
    const begin = Temporal.PlainDate.from(first);
    const funding = evaluation.context.computed[opening.funding];
    const number = Math.max(0, ...all.map((c) => c.opening)) + 1;
    for (let k = 0; k < yearsOf(procedure, opening.years); k++) {
      const startsOn = begin.add({ years: k }).toString();
      const reportDueAt = computeTimerDue({ event: "report", from: "start", at: manifest.reportDue }, {
        enteredAt: new Date(0), read: () => startsOn, parameters: procedure.parameters, timeZone: procedure.pkg.manifest.timeZone,
      })!;
      out.push({
        id: "", yearIndex: all.length + k + 1, opening: number, startsOn, endsOn: begin.add({ years: k + 1 }).subtract({ days: 1 }).toString(),
        outcome: "open", reportFiled: false, reportDueAt, funding: typeof funding === "number" ? funding : null, fundingFormula: opening.funding,
      });
    }
  }
  return out;
}

/** The number of years an opening declares: a literal, or a count parameter (checked at load). */
export function yearsOf(procedure: CompiledProcedure, years: number | { parameter: string }): number {
  return typeof years === "number" ? years : Number(procedure.parameters[years.parameter]);
}

/**
 * The changes an event makes to the years, or a refusal. `today` is the local
 * date; `closes` when the event enters a final state.
 */
export function planCycles(procedure: CompiledProcedure, args: { event: string; input: unknown; evaluation: Evaluation; cycles: CycleFacts[]; today: string; closes: boolean }): CyclePlan {
  const { event, input, evaluation, cycles, today, closes } = args;
  if (!procedure.pkg.manifest.cycles) return { opened: [], report: null, record: null, closes: false, after: cycles };
  const blocked = cycleConditions(procedure, event, cycles, today);
  if (blocked.length > 0) refuse(blocked);
  const report = event === procedure.pkg.manifest.cycles.reportEvent ? cycles.find(awaitsReport) ?? null : null;
  const record = recordCycle(procedure, event, input, cycles);
  let after = cycles.map((c) => (c === report ? { ...c, reportFiled: true, outcome: "reported" as const } : c));
  const opened = openCycles(procedure, event, input, evaluation, after);
  after = [...after, ...opened];
  if (closes) after = after.map((c) => (c.reportFiled || c.outcome === "closed" ? c : { ...c, outcome: "closed" as const }));
  return { opened, report, record, closes, after };
}
