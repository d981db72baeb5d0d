/**
 * Dates as expressions, parameters, computed values and messages see them:
 * local calendar dates written "YYYY-MM-DD" (string order is date order).
 * A date-time string is taken to its local date in the procedure's time zone
 * first, so "2026-09-11T23:30:00Z" is the 12th in Paris.
 */
import { Temporal } from "temporal-polyfill";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}/;
const WITH_OFFSET = /([Zz]|[+-]\d{2}(:?\d{2})?)(\[[^\]]+\])?$/;

/** Years a date may have: four digits, so that string order stays date order. */
function inRange(date: Temporal.PlainDate): Temporal.PlainDate | null {
  return date.year >= 1 && date.year <= 9999 ? date : null;
}

/** Whether `value` is a real calendar date written "YYYY-MM-DD" (2027-02-30 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string" || !DATE.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The local date of a date ("YYYY-MM-DD") or date-time string; a date-time with
 * an offset (or Z) is an instant, seen in `timeZone`; without one, it is
 * already local. Anything else (a number, a malformed or impossible date) is null.
 */
export function toPlainDate(value: unknown, timeZone: string): Temporal.PlainDate | null {
  if (typeof value !== "string") return null;
  try {
    if (DATE.test(value)) return inRange(Temporal.PlainDate.from(value, { overflow: "reject" }));
    if (!DATE_TIME.test(value)) return null;
    if (WITH_OFFSET.test(value)) return inRange(Temporal.Instant.from(value).toZonedDateTimeISO(timeZone).toPlainDate());
    return inRange(Temporal.PlainDateTime.from(value, { overflow: "reject" }).toPlainDate());
  } catch {
    return null;
  }
}

/** "YYYY-MM-DD", or null when the date left the four-digit years. */
export function formatIsoDate(date: Temporal.PlainDate): string | null {
  return inRange(date)?.toString() ?? null;
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "11 septembre 2026", "1er mars 2027" (French usage for the first of the month). */
export function frenchLongDate(isoDate: string): string {
  const date = Temporal.PlainDate.from(isoDate);
  return `${date.day === 1 ? "1er" : date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}
