/**
 * Checks a package file against its meta-schema in the browser, with the same
 * meta-schemas (schemas/meta/) and the same French messages as the server's
 * loader, so an admin sees most problems while typing. The page's CSP forbids
 * compiling schemas here (Ajv generates code): the validators are the
 * server's precompiled module (/api/meta/validators.js), registered once
 * loaded. The server stays the judge: it also checks cross-references that no
 * meta-schema can express.
 */
import type { ValidateFunction } from "ajv";
import { toFieldErrors } from "../../../server/engine/field-errors";

export type MetaKind = "manifest" | "form" | "ui" | "computed" | "rules" | "machine" | "cases";
export type MetaProblem = { pointer: string; message: string };
/** The module's keys: one per kind, and `jsonSchema` (JSON Schema 2020-12 itself, which a form must also be). */
export type PrecompiledMeta = Partial<Record<MetaKind | "jsonSchema", ValidateFunction>>;

const validators = new Map<MetaKind | "jsonSchema", ValidateFunction>();

/** `true` while no validator is registered for `kind`: the server's answer is then the only check. */
export function metaValidationUnavailable(kind: MetaKind): boolean {
  return !validators.has(kind);
}

/** Registers the precompiled validators (the default export of /api/meta/validators.js). */
export function registerPrecompiledMeta(precompiled: PrecompiledMeta): void {
  for (const [kind, validate] of Object.entries(precompiled)) {
    if (typeof validate === "function") validators.set(kind as MetaKind | "jsonSchema", validate);
  }
}

type ManifestFiles = { forms?: Record<string, { schema?: unknown; ui?: unknown }>; computed?: unknown; rules?: unknown; lifecycle?: unknown; cases?: unknown };

/** The kind the manifest gives `path`, as the server's loader reads it. */
function kindFromManifest(path: string, value: unknown): MetaKind | null {
  if (typeof value !== "object" || value === null) return null;
  const m = value as ManifestFiles;
  for (const f of Object.values(m.forms ?? {})) {
    if (f?.schema === path) return "form";
    if (f?.ui === path) return "ui";
  }
  if (m.computed === path) return "computed";
  if (m.rules === path) return "rules";
  if (m.lifecycle === path) return "machine";
  if (Array.isArray(m.cases) && m.cases.includes(path)) return "cases";
  return null;
}

/**
 * The meta-schema of a package file, by path relative to the package root.
 * The server decides from the manifest's references; pass the parsed
 * manifest to get exactly that, otherwise the naming conventions decide.
 */
export function metaKindFor(path: string, manifestValue?: unknown): MetaKind | null {
  const clean = path.replace(/^\.?\/+/, "");
  if (clean === "manifest.json") return "manifest";
  const declared = kindFromManifest(clean, manifestValue);
  if (declared) return declared;
  const name = clean.slice(clean.lastIndexOf("/") + 1);
  if (name.endsWith(".ui.json")) return "ui";
  if (name.endsWith(".schema.json")) return "form";
  if (name.endsWith(".machine.json")) return "machine";
  if (clean === "computed.json") return "computed";
  if (clean === "rules.json") return "rules";
  if (/^cases\/[^/]+\.json$/.test(clean)) return "cases";
  return null;
}

function problems(validate: ValidateFunction | undefined, value: unknown, prefix = ""): MetaProblem[] {
  if (!validate || validate(value)) return [];
  return toFieldErrors(validate.errors).map(({ pointer, message }) => ({ pointer, message: `${prefix}${message}` }));
}

/** Problems of `value` against the meta-schema of `kind`, in French; empty when valid (or not checkable here). */
export function validateAgainstMeta(kind: MetaKind, value: unknown): MetaProblem[] {
  const found = problems(validators.get(kind), value);
  if (kind !== "form" || typeof value !== "object" || value === null) return found;
  return [...found, ...problems(validators.get("jsonSchema"), value, "JSON Schema invalide : ")];
}
