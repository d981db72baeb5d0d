/** French formatting of dates, amounts and computed values (units come from the package). */
const euro = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
/** Between a number and its unit, so that "20 places" never breaks across lines. */
const NBSP = "\u00a0";
const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });

export function formatDate(iso: string | null | undefined, timeZone = "Europe/Paris"): string {
  if (!iso) return "—";
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return date.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone });
}

export function formatDateTime(iso: string | null | undefined, timeZone = "Europe/Paris"): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("fr-FR", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone });
}

export function formatValue(value: unknown, unit?: string): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "Oui" : "Non";
  // A local date (a computed value of type date, a date parameter): written in words, as the server's messages do.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, "UTC");
  if (typeof value !== "number") return String(value);
  switch (unit) {
    case "euro": return euro.format(value);
    case "ratio": return percent.format(value);
    case "hours": return `${number.format(value)}${NBSP}h`;
    case "months": return `${number.format(value)}${NBSP}mois`;
    case "fte": return `${number.format(value)}${NBSP}ETP`;
    case "places": return `${number.format(value)}${NBSP}place${value > 1 ? "s" : ""}`;
    default: return number.format(value);
  }
}

export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))}${NBSP}Ko` : `${number.format(bytes / 1024 / 1024)}${NBSP}Mo`;
}
