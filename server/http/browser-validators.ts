/**
 * Validators for the browser without `eval`: the site's Content-Security-
 * Policy forbids the code Ajv generates at run time, so the server generates
 * it (Ajv standalone, the engine's options, French `errorMessage`s, Guichet's
 * formats) and bundles it with esbuild into one self-contained ES module,
 * served from 'self'. Two kinds: each form of a published version (for RJSF's
 * `createPrecompiledValidator`), once per version and form since versions
 * never change; and the meta-schemas (for the package editor), once.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileSchemaValidatorsCode } from "@rjsf/validator-ajv8/compileSchemaValidators";
import { _ } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import ajvErrors from "ajv-errors";
import { build } from "esbuild";
import { createAjv } from "../engine/ajv";
import type { CompiledProcedure } from "../engine/compile-procedure";
import { CUSTOM_FORMATS } from "../engine/formats";

const here = dirname(fileURLToPath(import.meta.url));
const FORMATS_CODE = _`require(${join(here, "browser-formats.ts")}).formats`;
const META_DIR = resolve(here, "../../schemas/meta");
const META_KINDS = ["manifest", "form", "ui", "computed", "rules", "machine", "cases"] as const;

const cache = new Map<string, Promise<string>>();

function cached(key: string, make: () => Promise<string>): Promise<string> {
  let entry = cache.get(key);
  if (!entry) {
    entry = make();
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

/** CommonJS standalone code → one ES module whose default export is its `module.exports`. */
async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: here, loader: "js", sourcefile: "validators.cjs" },
    bundle: true, format: "esm", platform: "browser", target: "es2020", minify: true, write: false, logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** The ES module (default export: RJSF's validator functions) of one form of a version; null for an unknown form. */
export function formValidatorModule(procedure: CompiledProcedure, formId: string): Promise<string> | null {
  const form = Object.hasOwn(procedure.pkg.forms, formId) ? procedure.pkg.forms[formId] : undefined;
  if (!form) return null;
  return cached(`form:${procedure.hash}/${formId}`, () => bundle(compileSchemaValidatorsCode(form.schema as Record<string, unknown>, {
    AjvClass: Ajv2020 as never,
    customFormats: CUSTOM_FORMATS,
    extenderFn: (ajv) => ajvErrors(ajv as never) as never,
    ajvOptionsOverrides: { allErrors: true, strict: false, code: { source: true, lines: false, formats: FORMATS_CODE } },
  })));
}

/** The ES module of the meta-schemas' validators (default export: one validate function per kind of file, and `jsonSchema` for JSON Schema 2020-12 itself). */
export function metaValidatorModule(): Promise<string> {
  return cached("meta", async () => {
    const ajv = createAjv({ code: { source: true, lines: false, formats: FORMATS_CODE } });
    for (const file of readdirSync(META_DIR).filter((f) => f.endsWith(".schema.json"))) ajv.addSchema(JSON.parse(readFileSync(join(META_DIR, file), "utf8")) as object);
    const ids = { ...Object.fromEntries(META_KINDS.map((k) => [k, `urn:guichet:meta:${k}`])), jsonSchema: "https://json-schema.org/draft/2020-12/schema" };
    return bundle(standaloneCode(ajv, ids));
  });
}
