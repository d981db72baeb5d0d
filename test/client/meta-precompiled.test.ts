/**
 * The package editor checks files in the browser with the meta-schema
 * validators the server precompiles (the page's CSP forbids compiling): the
 * module served at /api/meta/validators.js, imported as the browser does,
 * must give the same French problems as the server's loader.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { metaKindFor, metaValidationUnavailable, registerPrecompiledMeta, validateAgainstMeta, type PrecompiledMeta } from "../../client/src/admin/meta-schemas";
import { validateMeta } from "../../server/config/meta-validator";
import { metaValidatorModule } from "../../server/http/browser-validators";
import { locateProblems } from "../../client/src/admin/locate-problems";
import { DEFAULT_PACKAGE_DIR, FIXTURE_PACKAGE_DIR } from "../helpers/packages";

const dir = mkdtempSync(join(tmpdir(), "guichet-meta-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function served(): Promise<PrecompiledMeta> {
  const file = join(dir, "validators.mjs");
  writeFileSync(file, await metaValidatorModule());
  return ((await import(pathToFileURL(file).href)) as { default: PrecompiledMeta }).default;
}

describe("precompiled meta-schema validators", () => {
  it("give the server's own problems, in French, at the same pointers", async () => {
    expect(metaValidationUnavailable("machine")).toBe(true);
    registerPrecompiledMeta(await served());
    expect(metaValidationUnavailable("machine")).toBe(false);

    const machine = JSON.parse(readFileSync(join(DEFAULT_PACKAGE_DIR, "lifecycle.machine.json"), "utf8"));
    delete machine.states.draft.meta.label;
    const browser = validateAgainstMeta("machine", machine);
    expect(browser).toContainEqual({ pointer: "/states/draft/meta/label", message: "requiert la propriété label" });
    expect(browser).toEqual(validateMeta("machine", machine, "lifecycle.machine.json").map(({ pointer, message }) => ({ pointer, message })));

    const manifest = JSON.parse(readFileSync(join(DEFAULT_PACKAGE_DIR, "manifest.json"), "utf8"));
    expect(validateAgainstMeta("manifest", manifest)).toEqual([]);
    manifest.parameters.minimumAvipChildrenRate.value = 2;
    expect(validateAgainstMeta("manifest", manifest).length).toBeGreaterThan(0);
  });

  it("check that a form is a JSON Schema 2020-12 too", async () => {
    registerPrecompiledMeta(await served());
    const form = JSON.parse(readFileSync(join(DEFAULT_PACKAGE_DIR, "forms", "instruction-start.schema.json"), "utf8"));
    expect(validateAgainstMeta("form", form)).toEqual([]);
    form.properties.caseNumber.minLength = "un";
    expect(validateAgainstMeta("form", form)).toContainEqual(expect.objectContaining({ pointer: "/properties/caseNumber/minLength", message: expect.stringContaining("JSON Schema invalide") }));
  });
  it("accept both packages' files and report a broken one in French, by pointer, at its line", async () => {
    registerPrecompiledMeta(await served());
    for (const dir of [DEFAULT_PACKAGE_DIR, FIXTURE_PACKAGE_DIR]) {
      for (const file of ["manifest.json", "computed.json", "rules.json", "lifecycle.machine.json", "cases/cases.json", "forms/application.schema.json", "forms/application.ui.json"]) {
        const kind = metaKindFor(file)!;
        expect(validateAgainstMeta(kind, JSON.parse(readFileSync(join(dir, file), "utf8"))), `${dir} ${file}`).toEqual([]);
      }
    }
    const machine = JSON.parse(readFileSync(join(DEFAULT_PACKAGE_DIR, "lifecycle.machine.json"), "utf8"));
    delete machine.states.draft.meta.label;
    machine.states.draft.on.SUBMIT.meta.roles = [];
    const problems = validateAgainstMeta("machine", machine);
    expect(problems).toContainEqual({ pointer: "/states/draft/meta/label", message: "requiert la propriété label" });
    expect(problems.some((p) => p.pointer === "/states/draft/on/SUBMIT/meta/roles")).toBe(true);
    const located = locateProblems(JSON.stringify(machine, null, 2), problems);
    expect(located.find((p) => p.pointer === "/states/draft/meta/label")).toMatchObject({ line: 8 });
  });
});
