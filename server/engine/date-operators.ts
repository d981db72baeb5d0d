/**
 * Date arithmetic of the expression language (`date_add`, `date_diff_days`,
 * `date_diff_months`, `year_of`, `month_of`), on local dates "YYYY-MM-DD".
 * Every operator answers null when an argument is missing or invalid, the way
 * arithmetic on a missing field gives "no value", and never throws.
 */
import type { Temporal } from "temporal-polyfill";
import { formatIsoDate, toPlainDate } from "./date-values";

/** Units of `date_add` with an amount. */
export const DATE_UNITS = ["days", "months", "years"] as const;

/** ISO 8601 durations made of calendar parts only (years, months, weeks, days), optionally negative. */
export const ISO_DATE_DURATION = /^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/;

/** Largest amount of `date_add`: beyond it every date leaves the four-digit years anyway. */
const MAX_AMOUNT = 10_000_000;

function durationOf(args: unknown[]): Temporal.DurationLike | string | null {
  if (args.length === 2) {
    const [duration] = args.slice(1);
    return typeof duration === "string" && ISO_DATE_DURATION.test(duration) ? duration : null;
  }
  if (args.length === 3) {
    const [amount, unit] = args.slice(1);
    if (typeof amount !== "number" || !Number.isInteger(amount) || Math.abs(amount) > MAX_AMOUNT) return null;
    if (!(DATE_UNITS as readonly unknown[]).includes(unit)) return null;
    return { [unit as string]: amount };
  }
  return null;
}

/**
 * `[date, "P1Y"]` or `[date, amount, "days"|"months"|"years"]` → "YYYY-MM-DD".
 * Month ends are constrained: 2027-01-31 + P1M = 2027-02-28, 2024-02-29 + P1Y = 2025-02-28.
 */
export function dateAdd(args: unknown[], timeZone: string): string | null {
  const date = toPlainDate(args[0], timeZone);
  const duration = durationOf(args);
  if (!date || duration === null) return null;
  try {
    return formatIsoDate(date.add(duration, { overflow: "constrain" }));
  } catch {
    return null;
  }
}

function between(args: unknown[], timeZone: string): [Temporal.PlainDate, Temporal.PlainDate] | null {
  const from = toPlainDate(args[0], timeZone);
  const to = toPlainDate(args[1], timeZone);
  return from && to ? [from, to] : null;
}

/** `[from, to]` → days from `from` to `to` (negative when `to` is before). */
export function dateDiffDays(args: unknown[], timeZone: string): number | null {
  const dates = between(args, timeZone);
  return dates ? dates[0].until(dates[1], { largestUnit: "days" }).days : null;
}

/**
 * `[from, to]` → whole months from `from` to `to`, truncated toward zero
 * (2026-01-15 → 2026-07-14 is 5, → 2026-07-15 is 6; 2026-01-31 → 2026-02-28 is 0).
 */
export function dateDiffMonths(args: unknown[], timeZone: string): number | null {
  const dates = between(args, timeZone);
  if (!dates) return null;
  const months = dates[0].until(dates[1], { largestUnit: "months" }).months;
  return months === 0 ? 0 : months; // no -0
}

export function yearOf(args: unknown[], timeZone: string): number | null {
  return toPlainDate(args[0], timeZone)?.year ?? null;
}

export function monthOf(args: unknown[], timeZone: string): number | null {
  return toPlainDate(args[0], timeZone)?.month ?? null;
}
