/**
 * Rule messages are French text with `{{path}}` placeholders filled from the
 * evaluation context, each written the French way by the unit of what it
 * names: numbers "0,3" and "2 500", a ratio parameter or computed value as a
 * percentage "60 %", a euro one as "2 500 €", a duration "1 an", and any date
 * "YYYY-MM-DD" as "11 septembre 2026". The unit sign follows a no-break space
 * (U+00A0, as Intl's fr-FR percent and currency formats and the web client
 * write it; digit groups keep fr-FR's narrow U+202F), and is left out when the
 * message already writes it after the placeholder ("{{x}} €").
 */
import { readOwnPath } from "../../workflows/read-path";
import { frenchLongDate, isIsoDate } from "./date-values";

export const TEMPLATE_PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

/** Unit of a placeholder path (`parameters.x`, `computed.y`), as declared in the package. */
export type PlaceholderUnits = Readonly<Record<string, string | undefined>>;

/** The no-break space written before "%" and "€". */
export const UNIT_SPACE = "\u00A0";

const UNIT_SIGNS: Record<string, string> = { ratio: "%", euro: "€" };

const read = readOwnPath;

function frenchNumber(value: number, fractionDigits: { min?: number; max: number }): string {
  return value.toLocaleString("fr-FR", { minimumFractionDigits: fractionDigits.min ?? 0, maximumFractionDigits: fractionDigits.max });
}

const DURATION_PARTS: Array<[RegExp, string, string]> = [
  [/(\d+)Y/, "an", "ans"], [/(\d+)M/, "mois", "mois"], [/(\d+)W/, "semaine", "semaines"], [/(\d+)D/, "jour", "jours"],
];

/** "P1Y" → "1 an", "P1Y6M" → "1 an et 6 mois"; anything else as written. */
function frenchDuration(value: string): string {
  if (!/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/.test(value)) return value;
  const parts = DURATION_PARTS.flatMap(([re, one, many]) => {
    const n = re.exec(value)?.[1];
    return n === undefined ? [] : [`${Number(n).toLocaleString("fr-FR")} ${Number(n) === 1 ? one : many}`];
  });
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} et ${parts.at(-1)}` : parts[0]!;
}

/** The number of a value with a unit sign, without the sign ("60", "2 500"). */
function numberOf(value: number, unit: string): string {
  if (unit === "ratio") return frenchNumber(value * 100, { max: 2 });
  if (unit === "euro") return frenchNumber(value, Number.isInteger(value) ? { max: 0 } : { min: 2, max: 2 });
  return frenchNumber(value, { max: 4 });
}

function show(value: unknown, unit: string | undefined, signWritten: boolean): string {
  if (value === undefined || value === null) return "non renseigné";
  if (typeof value === "number") {
    const sign = unit ? UNIT_SIGNS[unit] : undefined;
    const number = numberOf(value, unit ?? "");
    return sign && !signWritten ? `${number}${UNIT_SPACE}${sign}` : number;
  }
  if (typeof value === "boolean") return value ? "oui" : "non";
  if (isIsoDate(value)) return frenchLongDate(value);
  if (unit === "duration" && typeof value === "string") return frenchDuration(value);
  return String(value);
}

/** Fills the placeholders of `message` from `context`; `units` says how to write parameters and computed values. */
export function renderTemplate(message: string, context: object, units: PlaceholderUnits = {}): string {
  return message.replace(TEMPLATE_PLACEHOLDER, (placeholder: string, path: string, offset: number) => {
    const unit = units[path];
    const sign = unit ? UNIT_SIGNS[unit] : undefined;
    const after = message.slice(offset + placeholder.length);
    const signWritten = sign !== undefined && new RegExp(`^[ \\u00A0\\u202F]*${sign}`).test(after);
    return show(read(context, path), unit, signWritten);
  });
}
