/**
 * The Ajv set-up shared by the loader and the compiled procedures: JSON Schema
 * 2020-12, strict mode, all errors (needed by ajv-errors for custom French
 * messages), standard formats plus Guichet's own (SIRET, attachment).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Options } from "ajv";
import addErrors from "ajv-errors";
import addFormats from "ajv-formats";
import { CUSTOM_FORMATS } from "./formats";

export type { ErrorObject, ValidateFunction } from "ajv";

/** `extra` adds options, e.g. `code` to generate standalone validators for the browser. */
export function createAjv(extra: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allErrors: true,
    allowUnionTypes: true,
    ...extra,
  });
  addFormats(ajv);
  addErrors(ajv);
  for (const [name, validate] of Object.entries(CUSTOM_FORMATS)) ajv.addFormat(name, { type: "string", validate });
  return ajv;
}
