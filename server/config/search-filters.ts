/**
 * The structured filters of the dossier listing (`search.filters` in the
 * manifest). A filter is a field of the application form holding one scalar
 * — text, boolean or integer, possibly from a list of values — reached by a
 * dotted path that may cross lists. The loader refuses any other field; the
 * compiled procedure describes its filters (label, kind, allowed values) for
 * clients from the same analysis.
 */
import type { ProcedureManifest } from "./generated/manifest";
import { expand, resolveThroughArrays } from "./schema-paths";

export type FilterKind = "string" | "boolean" | "integer";
export type FilterOption = { value: string | boolean | number; label: string };
export type FilterField = { kind: FilterKind; title?: string; options?: FilterOption[] };
export type SearchFilter = { field: string; label: string; kind: FilterKind; options?: FilterOption[] };

const KINDS = new Set<string>(["string", "boolean", "integer"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOfValue(value: unknown): FilterKind | null {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return null;
}

/** What a filter field is, or why it cannot be one (`unknown`: no such field; `not_scalar`: not a text, boolean or integer). */
export function describeFilterField(applicationSchema: unknown, field: string): FilterField | "unknown" | "not_scalar" {
  const nodes = resolveThroughArrays(applicationSchema, field);
  if (nodes.length === 0) return "unknown";
  const schemas = nodes.flatMap((n) => expand(n)).map((n) => n.schema).filter(isObject);
  const types = new Set<string>();
  let listed: unknown[] | undefined;
  const constants: FilterOption[] = [];
  let title: string | undefined;
  for (const s of schemas) {
    for (const t of [s.type].flat()) if (typeof t === "string" && t !== "null") types.add(t);
    if (Array.isArray(s.enum)) listed ??= s.enum.filter((v) => v !== null);
    if ("const" in s && s.const !== null) constants.push({ value: s.const as FilterOption["value"], label: typeof s.title === "string" ? s.title : String(s.const) });
    else if (title === undefined && typeof s.title === "string") title = s.title;
  }
  const options = constants.length > 0 ? constants : listed?.map((value) => ({ value: value as FilterOption["value"], label: String(value) }));
  const valueKinds = new Set<string | null>((options ?? []).map((o) => kindOfValue(o.value)));
  if (valueKinds.has(null)) return "not_scalar";
  const kinds = types.size > 0 ? types : valueKinds;
  if (kinds.size !== 1) return "not_scalar";
  const kind = [...kinds][0]!;
  if (!KINDS.has(kind) || (valueKinds.size > 0 && !valueKinds.has(kind))) return "not_scalar";
  const booleans = kind === "boolean" && !options ? [{ value: true, label: "Oui" }, { value: false, label: "Non" }] : undefined;
  return { kind: kind as FilterKind, ...(title !== undefined ? { title } : {}), ...(options ?? booleans ? { options: options ?? booleans } : {}) };
}

/** The procedure's filters with their labels (the manifest's, else the field's title) and allowed values. */
export function searchFiltersOf(manifest: ProcedureManifest, applicationSchema: unknown): SearchFilter[] {
  return (manifest.search?.filters ?? []).flatMap((filter) => {
    const info = describeFilterField(applicationSchema, filter.field);
    if (typeof info === "string") return [];
    return [{ field: filter.field, label: filter.label ?? info.title ?? filter.field, kind: info.kind, ...(info.options ? { options: info.options } : {}) }];
  });
}
