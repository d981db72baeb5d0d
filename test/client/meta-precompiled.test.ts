/**
 * Under the site's CSP (no 'unsafe-eval') Ajv cannot compile in the browser;
 * validators generated ahead of time with Ajv standalone must then do the
 * same job. This builds one from the meta-schemas and registers it.
 */
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";
import { describe, expect, it } from "vitest";
import { registerPrecompiledMeta, validateAgainstMeta, type MetaKind } from "../../client/src/admin/meta-schemas";
import { DEFAULT_PACKAGE_DIR, REPO } from "../helpers/packages";

function precompiled(kinds: MetaKind[]): Partial<Record<MetaKind, unknown>> {
  const ajv = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true, code: { source: true } });
  addFormats(ajv, ["date-time"]);
  const dir = join(REPO, "schemas/meta");
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".schema.json"))) ajv.addSchema(JSON.parse(readFileSync(join(dir, f), "utf8")) as object);
  const source = standaloneCode(ajv, Object.fromEntries(kinds.map((k) => [k, `urn:guichet:meta:${k}`])));
  const module = { exports: {} as Record<string, unknown> };
  new Function("module", "exports", "require", source)(module, module.exports, createRequire(import.meta.url));
  return module.exports;
}

describe("precompiled meta-schema validators", () => {
  it("are used instead of compiling, with the same French problems", () => {
    const machine = JSON.parse(readFileSync(join(DEFAULT_PACKAGE_DIR, "lifecycle.machine.json"), "utf8"));
    delete machine.states.draft.meta.label;
    const compiled = validateAgainstMeta("machine", machine);
    const standalone = precompiled(["machine"]).machine as unknown as ((data: unknown) => boolean) & { errors?: unknown };
    let calls = 0;
    const spy = Object.assign((data: unknown) => {
      calls += 1;
      const valid = standalone(data);
      spy.errors = standalone.errors;
      return valid;
    }, { errors: undefined as unknown });
    registerPrecompiledMeta({ machine: spy as never });
    expect(validateAgainstMeta("machine", machine)).toEqual(compiled);
    expect(calls).toBe(1);
    expect(compiled).toContainEqual({ pointer: "/states/draft/meta/label", message: "requiert la propriété label" });
  });
});
