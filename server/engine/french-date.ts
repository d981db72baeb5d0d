/**
 * Local dates (YYYY-MM-DD) as a French reader writes them in refusals:
 * « 1er octobre 2026 », « du 1er octobre 2026 au 30 septembre 2027 » — the
 * same writing as rule messages (frenchLongDate), and the raw text for a
 * value that is not a date.
 */
import { frenchLongDate } from "./date-values";

export function frenchDate(date: string): string {
  try {
    return frenchLongDate(date);
  } catch {
    return date;
  }
}

export function frenchPeriod(startsOn: string, endsOn: string): string {
  return `du ${frenchDate(startsOn)} au ${frenchDate(endsOn)}`;
}
