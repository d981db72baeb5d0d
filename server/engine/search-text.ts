/**
 * The text indexed for full-text search: the values of the package's search
 * fields (dotted paths, arrays traversed), lower-cased without accents.
 */
export function normalizeText(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function collect(value: unknown, segments: string[], out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, segments, out);
    return;
  }
  if (segments.length === 0) {
    if (typeof value === "string" || typeof value === "number") out.push(String(value));
    return;
  }
  if (value && typeof value === "object") collect((value as Record<string, unknown>)[segments[0]!], segments.slice(1), out);
}

export function searchText(data: unknown, fields: string[]): string {
  const out: string[] = [];
  for (const field of fields) collect(data, field.split("."), out);
  return normalizeText(out.join(" \u2022 ")).slice(0, 4000);
}
