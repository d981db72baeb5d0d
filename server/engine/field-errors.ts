/**
 * Turns Ajv errors into `{ pointer, message }` pairs in French: the pointer
 * names the field (for `required`, the missing field itself), the message is
 * ajv-i18n's French text, or the package's own `errorMessage`.
 */
import localizeFr from "ajv-i18n/localize/fr/index.js";
import type { ErrorObject } from "./ajv";

export type FieldError = { pointer: string; message: string; keyword: string };

function escape(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function fieldPointer(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    return `${error.instancePath}/${escape(params.missingProperty)}`;
  }
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    return `${error.instancePath}/${escape(params.additionalProperty)}`;
  }
  if (error.keyword === "errorMessage" && Array.isArray(params.errors)) {
    const inner = params.errors[0] as ErrorObject | undefined;
    if (inner) return fieldPointer(inner);
  }
  return error.instancePath;
}

/** Keywords whose error only restates a failing branch already reported. */
export const NOISE_KEYWORDS: ReadonlySet<string> = new Set(["if", "anyOf", "oneOf"]);

export function toFieldErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  if (!errors || errors.length === 0) return [];
  const copy = errors.map((e) => ({ ...e }));
  // ajv-i18n would overwrite the package's own messages (ajv-errors) too.
  localizeFr(copy.filter((e) => e.keyword !== "errorMessage"));
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of copy) {
    if (NOISE_KEYWORDS.has(error.keyword) && copy.length > 1) continue;
    const entry = { pointer: fieldPointer(error) || "/", message: error.message ?? "valeur invalide", keyword: error.keyword };
    const key = `${entry.pointer}\u0000${entry.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(entry);
    }
  }
  return out;
}
