/**
 * Validates package files against the meta-schemas (schemas/meta/), compiled
 * once per process with one Ajv instance; errors come back as French problems
 * that point at the offending value.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createAjv, type ValidateFunction } from "../engine/ajv";
import { toFieldErrors } from "../engine/field-errors";
import type { Problem } from "./problems";

export type MetaKind = "manifest" | "form" | "ui" | "computed" | "rules" | "machine" | "cases";

const META_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../schemas/meta");

let validators: Map<MetaKind, ValidateFunction> | undefined;
const ajv = createAjv();

function compileMeta(): Map<MetaKind, ValidateFunction> {
  for (const file of readdirSync(META_DIR).filter((f) => f.endsWith(".schema.json"))) {
    ajv.addSchema(JSON.parse(readFileSync(join(META_DIR, file), "utf8")) as object);
  }
  const kinds: MetaKind[] = ["manifest", "form", "ui", "computed", "rules", "machine", "cases"];
  return new Map(kinds.map((kind) => [kind, ajv.getSchema(`urn:guichet:meta:${kind}`) as ValidateFunction]));
}

/** Problems of `value` against the meta-schema of `kind` (empty when valid). */
export function validateMeta(kind: MetaKind, value: unknown, file: string): Problem[] {
  validators ??= compileMeta();
  const validate = validators.get(kind)!;
  if (validate(value)) return [];
  return toFieldErrors(validate.errors).map((e) => ({ file, pointer: e.pointer, message: e.message }));
}

/** Problems of a form schema against JSON Schema 2020-12 itself. */
export function validateAgainstDraft2020(schema: unknown, file: string): Problem[] {
  if (ajv.validateSchema(schema as object)) return [];
  return toFieldErrors(ajv.errors).map((e) => ({ file, pointer: e.pointer, message: `JSON Schema invalide : ${e.message}` }));
}
