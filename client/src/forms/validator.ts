/**
 * Validators for RJSF without `eval` (the site's CSP forbids it): the
 * server compiles each published form into a precompiled Ajv module
 * (/api/versions/:v/forms/:f/validator.js, the engine's own options and
 * formats), imported from 'self' and wrapped by RJSF's
 * `createPrecompiledValidator`; Ajv's messages in French (ajv-i18n), the
 * package's own `errorMessage`s kept. A form not yet published (the admin's
 * preview) has no module: it is validated by the server instead.
 */
import type { ErrorTransformer, RJSFSchema, ValidatorType } from "@rjsf/utils";
import createPrecompiledValidator from "@rjsf/validator-ajv8/lib/createPrecompiledValidator.js";
import type { ErrorObject } from "ajv";
import localizeFr from "ajv-i18n/localize/fr";
import { useEffect, useState } from "react";
import { NOISE_KEYWORDS } from "../../../server/engine/field-errors";
import { REQUIRED_MESSAGE } from "./messages";

/** French for Ajv's messages, except the package's own (ajv-errors), which ajv-i18n would overwrite. */
function localize(errors?: ErrorObject[] | null): void {
  if (errors) localizeFr(errors.filter((e) => e.keyword !== "errorMessage"));
}

/** Errors that only restate a failing branch dropped (as the server does), and a missing value said in words rather than by its property's code. */
export const transformErrors: ErrorTransformer = (errors) => (errors.length > 1 ? errors.filter((e) => !NOISE_KEYWORDS.has(e.name ?? "")) : errors)
  .map((e) => (e.name === "required" ? { ...e, message: REQUIRED_MESSAGE, stack: REQUIRED_MESSAGE } : e));

const cache = new Map<string, Promise<ValidatorType>>();

export function loadValidator(versionId: string, formId: string, schema: RJSFSchema): Promise<ValidatorType> {
  const key = `${versionId}/${formId}`;
  let entry = cache.get(key);
  if (!entry) {
    const url = `/api/versions/${encodeURIComponent(versionId)}/forms/${encodeURIComponent(formId)}/validator.js`;
    entry = import(/* @vite-ignore */ url).then((module: { default: Parameters<typeof createPrecompiledValidator>[0] }) => createPrecompiledValidator(module.default, schema, localize as never));
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

export function useValidator(versionId: string, formId: string | undefined, schema: RJSFSchema | undefined): { validator: ValidatorType | undefined; error: unknown } {
  const [state, setState] = useState<{ validator: ValidatorType | undefined; error: unknown }>({ validator: undefined, error: null });
  useEffect(() => {
    if (!formId || !schema) return;
    let live = true;
    loadValidator(versionId, formId, schema).then((validator) => live && setState({ validator, error: null })).catch((error: unknown) => live && setState({ validator: undefined, error }));
    return () => { live = false; };
  }, [versionId, formId, schema]);
  return state;
}

/** For forms that are not published yet: nothing checked in the browser, conditions never taken. */
export const serverOnlyValidator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: () => false,
  rawValidation: () => ({ errors: [] }),
};
