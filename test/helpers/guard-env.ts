/**
 * Guard environments for driving a compiled machine in tests: one where every
 * guard passes, and builders for the refusals.
 */
import type { CompiledProcedure } from "../../server/engine/compile-procedure";
import type { GuardEnv } from "../../workflows/types";

export function passingEnv(procedure: CompiledProcedure, overrides: Partial<GuardEnv> = {}): GuardEnv {
  const firstDeadline = Math.min(...Object.values(procedure.deadlines).map((d) => d.at.getTime()));
  const computed = Object.fromEntries(Object.entries(procedure.pkg.computed.values).map(([name, v]) => [name, v.type === "boolean" ? true : 1]));
  return {
    context: { ...procedure.evaluate({}, {}).context, computed },
    input: {},
    now: new Date(firstDeadline - 86_400_000),
    timeZone: procedure.pkg.manifest.timeZone,
    ruleResults: [],
    applicationErrors: [],
    deadlines: procedure.deadlines,
    computedLabels: procedure.computedLabels,
    ...overrides,
  };
}
