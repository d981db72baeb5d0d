/**
 * Checks a package file against its meta-schema in the browser, with the same
 * meta-schemas (schemas/meta/) and the same French messages as the server's
 * loader, so an admin sees most problems while typing. The server stays the
 * judge: it also checks cross-references that no meta-schema can express.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { toFieldErrors } from "../../../server/engine/field-errors";
import cases from "../../../schemas/meta/cases.schema.json";
import computed from "../../../schemas/meta/computed.schema.json";
import expression from "../../../schemas/meta/expression.schema.json";
import form from "../../../schemas/meta/form.schema.json";
import machine from "../../../schemas/meta/machine.schema.json";
import manifest from "../../../schemas/meta/manifest.schema.json";
import rules from "../../../schemas/meta/rules.schema.json";
import ui from "../../../schemas/meta/ui.schema.json";

export type MetaKind = "manifest" | "form" | "ui" | "computed" | "rules" | "machine" | "cases";
export type MetaProblem = { pointer: string; message: string };

let ajv: Ajv2020 | undefined;
const validators = new Map<MetaKind, ValidateFunction>();
let unavailable = false;

/** Built on first use: adding a schema already compiles the 2020-12 meta-schema. */
function instance(): Ajv2020 {
  if (ajv) return ajv;
  const created = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true, logger: false });
  addFormats(created, ["date-time"]);
  for (const schema of [expression, manifest, form, ui, computed, rules, machine, cases]) created.addSchema(schema as object);
  return (ajv = created);
}

/**
 * `true` once compiling a validator failed and none was registered for
 * `kind` — under a Content-Security-Policy without 'unsafe-eval', Ajv cannot
 * compile (it generates code with `new Function`). Validation then returns
 * no problems and the server's answer is the only check.
 */
export function metaValidationUnavailable(kind: MetaKind): boolean {
  return unavailable && !validators.has(kind);
}

/**
 * Uses validators compiled ahead of time (Ajv standalone code of the same
 * meta-schemas, e.g. a module served from 'self'), so no `eval` is needed.
 */
export function registerPrecompiledMeta(precompiled: Partial<Record<MetaKind, ValidateFunction>>): void {
  for (const [kind, validate] of Object.entries(precompiled)) {
    if (validate) validators.set(kind as MetaKind, validate);
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

function validatorFor(kind: MetaKind): ValidateFunction | undefined {
  let validate = validators.get(kind);
  if (validate || unavailable) return validate;
  try {
    validate = instance().getSchema(`urn:guichet:meta:${kind}`);
  } catch {
    unavailable = true;
    return undefined;
  }
  if (validate) validators.set(kind, validate);
  return validate;
}

/** Problems of `value` against the meta-schema of `kind`, in French; empty when valid. */
export function validateAgainstMeta(kind: MetaKind, value: unknown): MetaProblem[] {
  const validate = validatorFor(kind);
  if (!validate) return [];
  const problems = validate(value) ? [] : toFieldErrors(validate.errors).map(({ pointer, message }) => ({ pointer, message }));
  return kind === "form" ? [...problems, ...validateAsJsonSchema(value)] : problems;
}

/** A form must also be a valid JSON Schema 2020-12, as the server requires. */
function validateAsJsonSchema(value: unknown): MetaProblem[] {
  if (typeof value !== "object" || value === null) return [];
  let valid: unknown;
  try {
    valid = instance().validateSchema(value);
  } catch {
    unavailable = true;
    return [];
  }
  if (valid === true) return [];
  return toFieldErrors(instance().errors).map(({ pointer, message }) => ({ pointer, message: `JSON Schema invalide : ${message}` }));
}
