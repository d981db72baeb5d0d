/**
 * Through the loader, on the second test package with a few additions: date
 * parameters, computed dates, `root`/`zip` paths, `input.*` where it cannot be
 * read, and rule messages written by the unit of what they name.
 */
import { describe, expect, it } from "vitest";
import { loadPackage } from "../../server/config/load-package";
import { formatProblem, type Problem } from "../../server/config/problems";
import { readPackageDir } from "../../server/config/read-package-dir";
import { compileProcedure, placeholderUnits } from "../../server/engine/compile-procedure";
import { renderTemplate, TEMPLATE_PLACEHOLDER } from "../../server/engine/message-template";
import { caseData } from "../../server/engine/run-cases";
import { DEFAULT_PACKAGE_DIR, FIXTURE_PACKAGE_DIR, loadOk } from "../helpers/packages";

// Package JSON edited in place by the tests below.
type Json = Record<string, any>;

const fixtureFiles = await readPackageDir(FIXTURE_PACKAGE_DIR);

/** The fixture package with `edit` applied to some of its JSON files. */
function load(edit: (files: Record<string, Json>) => void) {
  const parsed: Record<string, Json> = {};
  for (const file of ["manifest.json", "computed.json", "rules.json", "lifecycle.machine.json"]) parsed[file] = JSON.parse(fixtureFiles[file]!);
  edit(parsed);
  const files = { ...fixtureFiles, ...Object.fromEntries(Object.entries(parsed).map(([f, v]) => [f, JSON.stringify(v)])) };
  return loadPackage(files);
}

function problemsOf(edit: (files: Record<string, Json>) => void): Problem[] {
  const result = load(edit);
  expect(result.ok, "the package should be refused").toBe(false);
  return result.ok ? [] : result.problems;
}

function expectProblem(problems: Problem[], file: string, pointer: string, message: string): void {
  const found = problems.find((p) => p.file === file && p.pointer === pointer && p.message.includes(message));
  expect(found, `expected ${file} › ${pointer} › …${message}… among:\n${problems.map(formatProblem).join("\n")}`).toBeDefined();
}

const dateParameter = (value: unknown) => ({ label: "Ouverture de l'appel", unit: "date", value });

describe("date parameters", () => {
  it("are readable as dates by computed values and rule messages", () => {
    const result = load((f) => {
      f["manifest.json"]!.parameters.callOpensOn = dateParameter("2026-09-01");
      f["computed.json"]!.values.firstLabelEndsOn = {
        label: "Fin de la première année de label", type: "date",
        expression: { date_add: [{ var: "parameters.callOpensOn" }, { var: "parameters.initialLabelDuration" }] },
      };
      f["computed.json"]!.values.newYearInParis = { label: "Année à Paris d'un instant UTC", type: "integer", expression: { year_of: "2026-12-31T23:30:00Z" } };
      f["rules.json"]!.rules.callCalendar = {
        label: "Calendrier de l'appel", severity: "warning", derogable: false,
        expression: { "<": [{ var: "computed.firstLabelEndsOn" }, { var: "parameters.callOpensOn" }] },
        message: "Appel ouvert le {{parameters.callOpensOn}} ; première année jusqu'au {{computed.firstLabelEndsOn}} ; {{parameters.minimumAvipChildrenRate}} des places ; {{parameters.firstYearAidPerPlace}} par place, soit {{parameters.renewalAidPerPlace}} € ensuite.",
      };
    });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    const procedure = compileProcedure(result.pkg);
    expect(procedure.parameters.callOpensOn).toBe("2026-09-01");
    const { context, ruleResults } = procedure.evaluate(caseData(result.pkg.cases[0]!.content, 0));
    expect(context.computed.firstLabelEndsOn).toBe("2027-09-01");
    expect(context.computed.newYearInParis).toBe(2027);
    expect(ruleResults.find((r) => r.name === "callCalendar")?.message).toBe(
      "Appel ouvert le 1er septembre 2026 ; première année jusqu'au 1er septembre 2027 ; 25\u00A0% des places ; 3\u202F000\u00A0€ par place, soit 1\u202F200 € ensuite.",
    );
  });

  it("must be real dates written YYYY-MM-DD", () => {
    for (const value of ["2027-02-30", "2026-02-29", "2026-9-1", "11/09/2026", 20260901]) {
      const problems = problemsOf((f) => { f["manifest.json"]!.parameters.callOpensOn = dateParameter(value); });
      expect(problems, String(value)).toEqual([
        { file: "manifest.json", pointer: "/parameters/callOpensOn/value", message: "doit être une date réelle écrite « AAAA-MM-JJ » (ex. « 2026-09-11 »)" },
      ]);
    }
    expect(load((f) => { f["manifest.json"]!.parameters.callOpensOn = dateParameter("2028-02-29"); }).ok).toBe(true);
  });
});

describe("computed values of type date", () => {
  it("must give a YYYY-MM-DD date (the package's cases say so)", () => {
    for (const expression of [{ "+": [1, 2] }, "2027-02-30", "2026-09-11T10:00:00Z"]) {
      const problems = problemsOf((f) => { f["computed.json"]!.values.endsOn = { label: "Fin", type: "date", expression }; });
      expect(problems.some((p) => p.message.includes("la valeur calculée « endsOn »") && p.message.includes("pas une date réelle « AAAA-MM-JJ »")), JSON.stringify(expression)).toBe(true);
    }
  });
});

describe("root and zip through the loader", () => {
  it("refuses unknown paths inside root and zip with the file and pointer", () => {
    const problems = problemsOf((f) => {
      f["computed.json"]!.values.pairs = {
        label: "Paires", type: "integer",
        expression: { count: { filter: [{ zip: [{ var: "data.facilities" }, { var: "data.childminders" }] }, { and: [{ var: "0.name" }, { var: "1.nom" }, { root: "parameters.tauxInconnu" }] }] } },
      };
    });
    expectProblem(problems, "computed.json", "/values/pairs/expression/count/filter/1/and/1/var", "le champ « nom » n'existe pas dans les éléments de « data.childminders »");
    expectProblem(problems, "computed.json", "/values/pairs/expression/count/filter/1/and/2/root", "paramètre inconnu « tauxInconnu »");
    expect(problems.filter((p) => p.pointer.includes("/and/0/"))).toEqual([]);
  });
});

describe("input.* where no input form exists", () => {
  it("in a computed value: says what is wrong and what to read instead", () => {
    const problems = problemsOf((f) => { f["computed.json"]!.values.places = { label: "Places", type: "integer", expression: { var: "input.labelledPlaces" } }; });
    expectProblem(problems, "computed.json", "/values/places/expression/var",
      "« input.labelledPlaces » n'est lisible que dans la garde d'une transition qui a un formulaire ; dans une valeur calculée ou une règle, lisez la dernière saisie par « facts.labelDecision.labelledPlaces » ou « facts.renewalDecision.labelledPlaces »");
  });

  it("in a guard of a transition without a form: names the event and the state", () => {
    const problems = problemsOf((f) => {
      f["lifecycle.machine.json"]!.states.draft.on.SUBMIT.guard.params.guards[2].params.waiveDerogableWhen = "input.derogation.granted";
    });
    expectProblem(problems, "lifecycle.machine.json", "/states/draft/on/SUBMIT/guard/params/guards/2/params",
      "la transition « SUBMIT » de l'état « draft » n'en a pas ; lisez la dernière saisie par « facts.labelDecision.derogation.granted »");
  });
});

describe("the rule messages of both packages", () => {
  it("never write a unit sign twice", async () => {
    for (const dir of [DEFAULT_PACKAGE_DIR, FIXTURE_PACKAGE_DIR]) {
      const pkg = await loadOk(dir);
      const { context } = compileProcedure(pkg).evaluate(caseData(pkg.cases[0]!.content, 0));
      for (const [name, rule] of Object.entries(pkg.rules.rules)) {
        const text = renderTemplate(rule.message, context, placeholderUnits(pkg));
        expect(text, `${dir} › ${name}`).not.toMatch(/[€%][\s\u00A0\u202F]*[€%]/);
        expect(text, `${dir} › ${name}`).not.toMatch(TEMPLATE_PLACEHOLDER);
      }
    }
  });
});
