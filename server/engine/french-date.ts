/**
 * Local dates (YYYY-MM-DD) as a French reader writes them: « 1er octobre
 * 2026 », « du 1er octobre 2026 au 30 septembre 2027 ».
 */
const FORMAT = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function frenchDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  const text = FORMAT.format(parsed);
  return parsed.getUTCDate() === 1 ? text.replace(/^1 /, "1er ") : text;
}

export function frenchPeriod(startsOn: string, endsOn: string): string {
  return `du ${frenchDate(startsOn)} au ${frenchDate(endsOn)}`;
}
