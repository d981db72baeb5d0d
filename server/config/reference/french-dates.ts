/**
 * Instants written the French way for the format reference ("11 septembre
 * 2026 à 23:59:59,999"), in a given time zone, without depending on the
 * ICU data of the machine that generates docs/FORMAT.md.
 */
import { Temporal } from "temporal-polyfill";

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "1er avril 2027 à 00:00", or with seconds (and milliseconds when not zero). */
export function frenchInstant(instant: Date, timeZone: string, precision: "minutes" | "seconds" = "minutes"): string {
  const z = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  const day = z.day === 1 ? "1er" : String(z.day);
  let time = `${pad(z.hour)}:${pad(z.minute)}`;
  if (precision === "seconds") time += `:${pad(z.second)}${z.millisecond ? `,${pad(z.millisecond, 3)}` : ""}`;
  return `${day} ${MONTHS[z.month - 1]} ${z.year} à ${time}`;
}
