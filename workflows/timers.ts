/**
 * Durable timers declared as data on machine states, e.g. "LABEL_EXPIRED one
 * year after the label's start date" or "REPORT_OVERDUE after 31 March of the
 * following year". This module only computes when a timer is due; storing and
 * firing them belongs to the engine. Calendar arithmetic is done in the
 * procedure's time zone with Temporal (temporal-polyfill), so that "one year"
 * and "end of 31 March" mean what a person in that territory means.
 */
import { Temporal } from "temporal-polyfill";

export type TimerSpec = {
  event: string;
  from: string;
  delay?: string | { parameter: string };
  at?: { yearOffset: number; monthDay: string };
};

export type TimerInputs = {
  /** When the state was entered. */
  enteredAt: Date;
  /** Reads a dotted path (`facts.<form>.<field>`) from the dossier. */
  read(path: string): unknown;
  parameters: Record<string, number | string>;
  timeZone: string;
};

function startOf(timer: TimerSpec, inputs: TimerInputs): Temporal.ZonedDateTime | null {
  if (timer.from === "entry") return Temporal.Instant.fromEpochMilliseconds(inputs.enteredAt.getTime()).toZonedDateTimeISO(inputs.timeZone);
  const value = inputs.read(timer.from);
  if (typeof value !== "string") return null;
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Temporal.PlainDate.from(value).toZonedDateTime({ timeZone: inputs.timeZone });
    return Temporal.Instant.from(value).toZonedDateTimeISO(inputs.timeZone);
  } catch {
    return null;
  }
}

/** The ISO 8601 duration of a timer's delay (literal, or a duration parameter). */
export function delayOf(timer: TimerSpec, parameters: Record<string, number | string>): string | null {
  if (typeof timer.delay === "string") return timer.delay;
  if (timer.delay && typeof parameters[timer.delay.parameter] === "string") return parameters[timer.delay.parameter] as string;
  return null;
}

/**
 * The instant a timer is due, or `null` when its starting date is missing
 * from the dossier. An `at` date is due when that day has ended locally.
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
    const delay = delayOf(timer, inputs.parameters);
    if (!delay) return null;
    due = start.add(Temporal.Duration.from(delay));
  }
  return new Date(due.epochMilliseconds);
}
