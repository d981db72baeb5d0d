/**
 * Durable timers declared as data on machine states, e.g. "LABEL_EXPIRED at
 * the start of the day after the label period" or "REPORT_OVERDUE after 31
 * March of the following year". This module only computes when a timer is
 * due; storing and firing them belongs to the engine. Calendar arithmetic is
 * done in the procedure's time zone with Temporal (temporal-polyfill), so that
 * "one year" and "end of 31 March" mean what a person in that territory means.
 */
import { Temporal } from "temporal-polyfill";

/** A delay read from the dossier: an integer number of days, months or years at a path (data.*, facts.*, computed.*). */
export type AmountDelay = { days: string } | { months: string } | { years: string };

export type TimerSpec = {
  event: string;
  /** "entry", a date of the dossier (data.*, facts.*), a computed value of type date, or period.startsOn|endsOn|nextStartsOn. */
  from: string;
  /** Neither `delay` nor `at`: due at the start (00:00 local) of the `from` date, or at entry. */
  delay?: string | { parameter: string } | AmountDelay;
  at?: { yearOffset: number; monthDay: string };
};

export type TimerInputs = {
  /** When the state was entered. */
  enteredAt: Date;
  /** Reads a dotted path (`facts.<form>.<field>`, `computed.<name>`, `period.endsOn`) from the dossier. */
  read(path: string): unknown;
  parameters: Record<string, number | string>;
  timeZone: string;
};

const UNITS = ["days", "months", "years"] as const;

function startOf(timer: TimerSpec, inputs: TimerInputs): Temporal.ZonedDateTime | null {
  if (timer.from === "entry") return Temporal.Instant.fromEpochMilliseconds(inputs.enteredAt.getTime()).toZonedDateTimeISO(inputs.timeZone);
  const value = inputs.read(timer.from);
  if (typeof value !== "string") return null;
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Temporal.PlainDate.from(value, { overflow: "reject" }).toZonedDateTime({ timeZone: inputs.timeZone });
    return Temporal.Instant.from(value).toZonedDateTimeISO(inputs.timeZone);
  } catch {
    return null;
  }
}

/** The delay as a Temporal duration-like (literal, duration parameter, or an integer read from the dossier); null when missing. */
export function delayOf(timer: TimerSpec, parameters: Record<string, number | string>, read: (path: string) => unknown = () => undefined): Temporal.DurationLike | null {
  const delay = timer.delay;
  if (delay === undefined) return { days: 0 };
  if (typeof delay === "string") return Temporal.Duration.from(delay);
  if ("parameter" in delay) {
    const value = parameters[delay.parameter];
    return typeof value === "string" ? Temporal.Duration.from(value) : null;
  }
  for (const unit of UNITS) {
    if (unit in delay) {
      const amount = read((delay as Record<string, string>)[unit]!);
      return typeof amount === "number" && Number.isInteger(amount) ? { [unit]: amount } : null;
    }
  }
  return null;
}

/**
 * The instant a timer is due, or `null` when its starting date (or its delay
 * read from the dossier) is missing. An `at` date is due when that day has
 * ended locally; a date without delay, when it starts locally.
 */
export function computeTimerDue(timer: TimerSpec, inputs: TimerInputs): Date | null {
  const start = startOf(timer, inputs);
  if (!start) return null;
  let due: Temporal.ZonedDateTime;
  if (timer.at) {
    const [month, day] = timer.at.monthDay.split("-").map(Number) as [number, number];
    const date = Temporal.PlainDate.from({ year: start.year + timer.at.yearOffset, month, day }, { overflow: "constrain" });
    due = date.add({ days: 1 }).toZonedDateTime({ timeZone: inputs.timeZone });
  } else {
    const delay = delayOf(timer, inputs.parameters, inputs.read);
    if (!delay) return null;
    try {
      due = start.add(delay);
    } catch {
      return null; // a delay read from the dossier beyond the calendar's range (e.g. 300 000 years): no due date
    }
  }
  return new Date(due.epochMilliseconds);
}
