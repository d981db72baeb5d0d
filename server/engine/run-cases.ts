/**
 * Runs a package's own test cases (JSON files of data and expected computed
 * values and rule results) against its compiled form. The loader refuses a
 * package whose cases fail; tests use the same runner.
 */
import type { Cases } from "../config/generated/cases";
import type { Problem } from "../config/problems";
import { pointer } from "../config/problems";
import { hasType, type CompiledProcedure } from "./compile-procedure";
import { evaluate } from "./expressions";

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge where `patch` wins; arrays are replaced, not merged. */
export function mergeData(base: Json, patch: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, Json> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = mergeData(base[key], value);
  return out;
}

export function sameValue(expected: Json, actual: Json): boolean {
  if (typeof expected === "number" && typeof actual === "number") return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
  if (Array.isArray(expected) && Array.isArray(actual)) return expected.length === actual.length && expected.every((e, i) => sameValue(e, actual[i]));
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].every((k) => sameValue(expected[k], actual[k]));
  }
  return expected === actual;
}

/** The data a case runs on: its base (if any) with its own data merged over it. */
export function caseData(content: Cases, index: number): Record<string, unknown> {
  const c = content.cases[index]!;
  return mergeData(c.base ? content.bases?.[c.base] ?? {} : {}, c.data) as Record<string, unknown>;
}

/** Every mismatch between expected and actual results, as problems in the case files. */
export function runCases(procedure: CompiledProcedure): Problem[] {
  const problems: Problem[] = [];
  for (const { file, content } of procedure.pkg.cases) {
    content.cases.forEach((c, i) => {
      const at = pointer("/cases", i, "expect");
      const data = caseData(content, i);
      const { context, ruleResults } = procedure.evaluate(data, (c.facts ?? {}) as Record<string, unknown>, { submittedAt: c.submittedAt ?? null, period: c.period ?? null });
      for (const [name, definition] of Object.entries(procedure.pkg.computed.values)) {
        const raw = evaluate(definition.expression, context, { timeZone: procedure.pkg.manifest.timeZone });
        if (!hasType(raw, definition.type)) {
          problems.push({ file, pointer: pointer("/cases", i), message: `cas « ${c.description} » : la valeur calculée « ${name} » vaut ${JSON.stringify(raw)}, pas ${definition.type === "date" ? "une date réelle « AAAA-MM-JJ »" : `un ${definition.type}`} (computed.json › /values/${name})` });
        }
      }
      const fail = (where: string, expected: Json, actual: Json) =>
        problems.push({ file, pointer: where, message: `cas « ${c.description} » : attendu ${JSON.stringify(expected)}, obtenu ${JSON.stringify(actual)}` });
      if (c.expect.valid !== undefined) {
        const errors = procedure.validateForm(procedure.pkg.manifest.applicationForm, data);
        if ((errors.length === 0) !== c.expect.valid) {
          fail(pointer(at, "valid"), c.expect.valid, errors.length === 0 ? true : errors.map((e) => `${e.pointer} : ${e.message}`));
        }
      }
      for (const [name, expected] of Object.entries(c.expect.computed ?? {})) {
        if (!sameValue(expected, context.computed[name])) fail(pointer(at, "computed", name), expected, context.computed[name] ?? null);
      }
      for (const [name, expected] of Object.entries(c.expect.rules ?? {})) {
        const actual = ruleResults.find((r) => r.name === name)?.status;
        if (actual !== expected) fail(pointer(at, "rules", name), expected, actual ?? null);
      }
    });
  }
  return problems;
}
