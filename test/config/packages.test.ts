/**
 * The default package and the second test package load, pass their own cases,
 * and every computed value and rule of the default package is covered by a
 * case (each rule seen passing and failing).
 */
import { describe, expect, it } from "vitest";
import { compileProcedure } from "../../server/engine/compile-procedure";
import { caseData, runCases } from "../../server/engine/run-cases";
import { DEFAULT_PACKAGE_DIR, FIXTURE_PACKAGE_DIR, loadOk } from "../helpers/packages";

const defaultPkg = await loadOk(DEFAULT_PACKAGE_DIR);
const fixturePkg = await loadOk(FIXTURE_PACKAGE_DIR);

describe("the default package", () => {
  it("describes the call it implements", () => {
    expect(defaultPkg.manifest.territory.code).toBe("63");
    expect(defaultPkg.manifest.parameters.minimumAvipChildrenRate?.value).toBe(0.2);
    expect(defaultPkg.manifest.deadlines.applications?.at).toBe("2026-09-11T23:59:59+02:00");
    expect(Object.keys(defaultPkg.forms)).toEqual(expect.arrayContaining(["application", "annualReport", "labelDecision"]));
  });

  it("has a stable content hash", async () => {
    expect(defaultPkg.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadOk(DEFAULT_PACKAGE_DIR)).hash).toBe(defaultPkg.hash);
    expect(fixturePkg.hash).not.toBe(defaultPkg.hash);
  });

  it("covers every computed value with a case, and every rule passing and failing", () => {
    const computedCovered = new Set<string>();
    const ruleOutcomes = new Map<string, Set<string>>();
    for (const { content } of defaultPkg.cases) {
      for (const c of content.cases) {
        for (const name of Object.keys(c.expect.computed ?? {})) computedCovered.add(name);
        for (const [name, status] of Object.entries(c.expect.rules ?? {})) {
          ruleOutcomes.set(name, (ruleOutcomes.get(name) ?? new Set()).add(status));
        }
      }
    }
    expect(Object.keys(defaultPkg.computed.values).filter((n) => !computedCovered.has(n))).toEqual([]);
    const halfCovered = Object.keys(defaultPkg.rules.rules).filter((n) => !ruleOutcomes.get(n)?.has("pass") || !ruleOutcomes.get(n)?.has("fail"));
    expect(halfCovered).toEqual([]);
  });

  it("keeps the seed's worked examples: 20 places → 4 children, 20 + 12 places → 6", () => {
    const procedure = compileProcedure(defaultPkg);
    const { content } = defaultPkg.cases[0]!;
    const byDescription = (prefix: string) => content.cases.findIndex((c) => c.description.startsWith(prefix));
    const one = procedure.evaluate(caseData(content, byDescription("Exemple 1")));
    const two = procedure.evaluate(caseData(content, byDescription("Exemple 2")));
    expect(one.context.computed.minimumAvipChildren).toBe(4);
    expect(two.context.computed.facilitiesCapacity).toBe(32);
    expect(two.context.computed.minimumAvipChildren).toBe(6);
  });

  it("renders failing rule messages in French with the values", () => {
    const procedure = compileProcedure(defaultPkg);
    const { content } = defaultPkg.cases[0]!;
    const data = caseData(content, 0) as { commitments: Record<string, unknown> };
    data.commitments = { ...data.commitments, avipChildrenPerYear: 3, weeklyHoursPerChild: 8.5 };
    const results = procedure.evaluate(data).ruleResults;
    expect(results.find((r) => r.name === "minimumAvipShare")).toMatchObject({
      status: "fail", severity: "blocking", derogable: true,
      message: "L'engagement de 3 enfant(s) AVIP par an est inférieur au minimum de 4 fixé par la charte.",
      fields: ["/commitments/avipChildrenPerYear"],
    });
    expect(results.find((r) => r.name === "minimumWeeklyHours")?.message).toContain("8,5 h par semaine");
  });
});

describe("the second test package, different on purpose", () => {
  it("loads and passes its own cases through the same code", () => {
    expect(runCases(compileProcedure(fixturePkg))).toEqual([]);
    expect(fixturePkg.cases[0]!.content.cases.length).toBeGreaterThan(20);
  });

  it("differs from the default: territory, 25 %, amounts, one extra field, one extra state", () => {
    expect(fixturePkg.manifest.territory.code).not.toBe(defaultPkg.manifest.territory.code);
    expect(fixturePkg.manifest.parameters.minimumAvipChildrenRate?.value).toBe(0.25);
    expect(fixturePkg.manifest.parameters.firstYearAidPerPlace?.value).not.toBe(defaultPkg.manifest.parameters.firstYearAidPerPlace?.value);
    const facility = (pkg: typeof defaultPkg) => Object.keys(((pkg.forms.application!.schema.$defs as Record<string, { properties: object }>).facility!).properties);
    expect(facility(fixturePkg).filter((f) => !facility(defaultPkg).includes(f))).toEqual(["zrr"]);
    const states = (pkg: typeof defaultPkg) => Object.keys(pkg.machine.states);
    expect(states(fixturePkg).filter((s) => !states(defaultPkg).includes(s))).toEqual(["admissibility_check"]);
  });

  it("computes 25 % of 20 places as 5 children", () => {
    const procedure = compileProcedure(fixturePkg);
    const data = caseData(fixturePkg.cases[0]!.content, 0);
    expect(procedure.evaluate(data).context.computed.minimumAvipChildren).toBe(5);
  });
});
