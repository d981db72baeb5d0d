/**
 * Loads a procedure package from its files (path → text): parses them,
 * validates each against its meta-schema, checks every cross-reference, then
 * compiles the package and runs its own test cases. The result is either a
 * package ready to publish or the full list of problems — never half of one.
 */
import { createHash } from "node:crypto";
import { createAjv } from "../engine/ajv";
import { compileProcedure } from "../engine/compile-procedure";
import { runCases } from "../engine/run-cases";
import { checkComputed, checkRules } from "./check-logic";
import { checkMachine } from "./check-machine";
import { checkManifestLinks } from "./check-manifest-links";
import { checkUi } from "./check-ui";
import type { Cases } from "./generated/cases";
import type { ComputedValues } from "./generated/computed";
import type { LifecycleMachine } from "./generated/machine";
import type { ProcedureManifest } from "./generated/manifest";
import type { Rules } from "./generated/rules";
import { validateAgainstDraft2020, validateMeta, type MetaKind } from "./meta-validator";
import type { FormDefinition, ProcedurePackage } from "./package";
import { pointer, type Problem } from "./problems";

export type LoadResult = { ok: true; pkg: ProcedurePackage } | { ok: false; problems: Problem[] };

const MANIFEST = "manifest.json";

function parse(files: Record<string, string>, path: string, problems: Problem[]): unknown {
  try {
    return JSON.parse(files[path]!);
  } catch (error) {
    problems.push({ file: path, pointer: "/", message: `JSON invalide : ${(error as Error).message}` });
    return undefined;
  }
}

/** Reads a file the manifest names at `at`; reports a missing file against the manifest. */
function loadReferenced(files: Record<string, string>, path: string, at: string, kind: MetaKind, problems: Problem[]): unknown {
  if (!(path in files)) {
    problems.push({ file: MANIFEST, pointer: at, message: `fichier introuvable « ${path} »` });
    return undefined;
  }
  const value = parse(files, path, problems);
  if (value !== undefined) problems.push(...validateMeta(kind, value, path));
  return value;
}

function hashFiles(files: Record<string, string>, referenced: string[]): string {
  const hash = createHash("sha256");
  for (const path of [...referenced].sort()) hash.update(`${path}\n${JSON.stringify(JSON.parse(files[path]!))}\n`);
  return hash.digest("hex");
}

const formCompiler = createAjv();

export function loadPackage(files: Record<string, string>): LoadResult {
  const problems: Problem[] = [];
  if (!(MANIFEST in files)) return { ok: false, problems: [{ file: MANIFEST, pointer: "/", message: "fichier introuvable : le paquet doit avoir un manifest.json à sa racine" }] };
  const manifest = parse(files, MANIFEST, problems) as ProcedureManifest | undefined;
  if (manifest === undefined) return { ok: false, problems };
  problems.push(...validateMeta("manifest", manifest, MANIFEST));
  if (problems.length > 0) return { ok: false, problems };

  const referenced = [MANIFEST];
  const forms: Record<string, FormDefinition> = {};
  for (const [id, form] of Object.entries(manifest.forms)) {
    const at = pointer("/forms", id);
    const schema = loadReferenced(files, form.schema, pointer(at, "schema"), "form", problems) as Record<string, unknown> | undefined;
    referenced.push(form.schema);
    if (schema !== undefined) {
      const before = problems.length;
      problems.push(...validateAgainstDraft2020(schema, form.schema));
      if (problems.length === before) {
        try {
          formCompiler.compile(schema);
        } catch (error) {
          problems.push({ file: form.schema, pointer: "/", message: `schéma refusé par Ajv (mode strict) : ${(error as Error).message}` });
        }
      }
    }
    const ui = form.ui === undefined ? {} : (loadReferenced(files, form.ui, pointer(at, "ui"), "ui", problems) as Record<string, unknown> | undefined);
    if (form.ui !== undefined) referenced.push(form.ui);
    if (schema && ui) forms[id] = { id, title: form.title, schema, ui, schemaFile: form.schema, ...(form.ui ? { uiFile: form.ui } : {}) };
  }
  const computed = loadReferenced(files, manifest.computed, "/computed", "computed", problems) as ComputedValues | undefined;
  const rules = loadReferenced(files, manifest.rules, "/rules", "rules", problems) as Rules | undefined;
  const machine = loadReferenced(files, manifest.lifecycle, "/lifecycle", "machine", problems) as LifecycleMachine | undefined;
  const cases = (manifest.cases ?? []).map((file, i) => ({ file, content: loadReferenced(files, file, pointer("/cases", i), "cases", problems) as Cases }));
  referenced.push(manifest.computed, manifest.rules, manifest.lifecycle, ...(manifest.cases ?? []));
  if (problems.length > 0 || !computed || !rules || !machine) return { ok: false, problems };

  if (!(manifest.applicationForm in forms)) {
    return { ok: false, problems: [{ file: MANIFEST, pointer: "/applicationForm", message: `formulaire de candidature inconnu « ${manifest.applicationForm} »` }] };
  }
  for (const form of Object.values(forms)) {
    if (form.uiFile) problems.push(...checkUi(form.ui, [{ schema: form.schema, root: form.schema }], form.uiFile));
  }
  const sources = {
    applicationForm: manifest.applicationForm,
    formSchemas: Object.fromEntries(Object.entries(forms).map(([id, f]) => [id, f.schema])),
    parameters: Object.keys(manifest.parameters),
    deadlines: Object.keys(manifest.deadlines),
    computed: Object.keys(computed.values),
  };
  const { problems: computedProblems, order } = checkComputed(computed, sources, manifest.computed);
  problems.push(...computedProblems, ...checkRules(rules, sources, manifest.rules));
  problems.push(...checkMachine(machine, {
    ...sources,
    file: manifest.lifecycle,
    roles: Object.keys(manifest.roles),
    deadlines: Object.keys(manifest.deadlines),
    rules: Object.keys(rules.rules),
    computedTypes: Object.fromEntries(Object.entries(computed.values).map(([n, v]) => [n, v.type])),
    parameterUnits: Object.fromEntries(Object.entries(manifest.parameters).map(([n, p]) => [n, p.unit])),
    ...(manifest.cycles?.overdueEvent ? { overdueEvent: manifest.cycles.overdueEvent } : {}),
  }));
  problems.push(...checkManifestLinks(manifest, forms, computed, machine));
  for (const { file, content } of cases) problems.push(...checkCaseNames(content, file, computed, rules));
  if (problems.length > 0) return { ok: false, problems };

  const pkg: ProcedurePackage = { manifest, forms, computed, computedOrder: order, rules, machine, cases, files, hash: hashFiles(files, referenced) };
  const failures = runCases(compileProcedure(pkg));
  if (failures.length > 0) return { ok: false, problems: failures };
  return { ok: true, pkg };
}

function checkCaseNames(content: Cases, file: string, computed: ComputedValues, rules: Rules): Problem[] {
  const problems: Problem[] = [];
  content.cases.forEach((c, i) => {
    const at = pointer("/cases", i);
    if (c.base !== undefined && !(c.base in (content.bases ?? {}))) problems.push({ file, pointer: pointer(at, "base"), message: `jeu de données de base inconnu « ${c.base} »` });
    for (const name of Object.keys(c.expect.computed ?? {})) {
      if (!(name in computed.values)) problems.push({ file, pointer: pointer(at, "expect", "computed", name), message: `valeur calculée inconnue « ${name} »` });
    }
    for (const name of Object.keys(c.expect.rules ?? {})) {
      if (!(name in rules.rules)) problems.push({ file, pointer: pointer(at, "expect", "rules", name), message: `règle inconnue « ${name} »` });
    }
  });
  return problems;
}
