/**
 * What is indexed to find dossiers: the text of the package's search fields
 * (dotted paths, arrays traversed), lower-cased without accents, for the
 * substring search; and one token per value of each declared filter field,
 * e.g. `|site.open=true|site.city=saint-etienne|`, matched whole.
 */
export function normalizeText(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

type Scalar = string | number | boolean;

function collect(value: unknown, segments: string[], out: Scalar[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, segments, out);
    return;
  }
  if (segments.length === 0) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") out.push(value);
    return;
  }
  if (value && typeof value === "object") collect((value as Record<string, unknown>)[segments[0]!], segments.slice(1), out);
}

export function searchText(data: unknown, fields: string[]): string {
  const out: Scalar[] = [];
  for (const field of fields) collect(data, field.split("."), out);
  return normalizeText(out.filter((v) => typeof v !== "boolean").map(String).join(" \u2022 ")).slice(0, 4000);
}

/** A filter value as indexed and as searched: normalized, spaces collapsed, no token separator. */
export function normalizeFilterValue(value: Scalar): string {
  return normalizeText(String(value)).replace(/\|/g, " ").replace(/\s+/g, " ").trim().slice(0, 200);
}

/** The token a dossier carries when `field` has `value`, delimited so that it only matches whole. */
export function filterToken(field: string, value: Scalar): string {
  return `|${field}=${normalizeFilterValue(value)}|`;
}

/** Every (field, value) token of the data for the declared filter fields; "" when there is none. */
export function filterText(data: unknown, fields: string[]): string {
  const tokens = new Set<string>();
  for (const field of fields) {
    const values: Scalar[] = [];
    collect(data, field.split("."), values);
    for (const value of values) if (normalizeFilterValue(value) !== "") tokens.add(`${field}=${normalizeFilterValue(value)}`);
  }
  return tokens.size === 0 ? "" : `|${[...tokens].join("|")}|`;
}
