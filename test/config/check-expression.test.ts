/**
 * The static expression check on a small synthetic package scope: `root`
 * paths against the top level (also inside map/reduce), `zip` pairs against
 * both arrays' items, the arity of Guichet's operators, literal date units,
 * and where `input.*` may be read.
 */
import { describe, expect, it } from "vitest";
import { checkExpression } from "../../server/config/check-expression";
import { checkComputed } from "../../server/config/check-logic";
import type { ComputedValues } from "../../server/config/generated/computed";
import { packageScope, type ScopeSources } from "../../server/config/package-scope";
import type { Problem } from "../../server/config/problems";

const sources: ScopeSources = {
  applicationForm: "application",
  formSchemas: {
    application: {
      type: "object",
      properties: {
        startsOn: { type: "string", format: "date" },
        facilities: { type: "array", items: { type: "object", properties: { name: { type: "string" }, places: { type: "integer" } } } },
      },
    },
    decision: {
      type: "object",
      properties: {
        places: { type: "integer" },
        structures: { type: "array", items: { type: "object", properties: { places: { type: "integer" }, rooms: { type: "array", items: { type: "object", properties: { size: { type: "number" } } } } } } },
      },
    },
  },
  parameters: ["rate", "labelDuration"],
  deadlines: ["applications"],
  computed: ["total", "endsOn"],
};

function problemsOf(expression: unknown, options: Parameters<typeof packageScope>[1] = {}): Problem[] {
  const problems: Problem[] = [];
  checkExpression(expression, packageScope(sources, options), "computed.json", "/values/x/expression", problems);
  return problems;
}

const facilities = { var: "data.facilities" };
const structures = { var: "facts.decision.structures" };

describe("root", () => {
  it("reads top-level paths inside map, filter and reduce", () => {
    expect(problemsOf({ map: [facilities, { "*": [{ var: "places" }, { root: "parameters.rate" }] }] })).toEqual([]);
    expect(problemsOf({ filter: [facilities, { ">": [{ var: "places" }, { root: ["facts.decision.places", 0] }] }] })).toEqual([]);
    expect(problemsOf({ reduce: [facilities, { "+": [{ var: "accumulator" }, { root: "computed.total" }] }, 0] })).toEqual([]);
    expect(problemsOf({ "<": [{ root: "deadlines.applications" }, { root: "data.startsOn" }] })).toEqual([]);
  });

  it("refuses unknown roots and paths, pointing at the path", () => {
    expect(problemsOf({ map: [facilities, { root: "nowhere.x" }] })).toEqual([
      { file: "computed.json", pointer: "/values/x/expression/map/1/root", message: expect.stringContaining("variable inconnue « nowhere.x »") },
    ]);
    expect(problemsOf({ map: [facilities, { root: ["data.facilites", 0] }] })).toEqual([
      { file: "computed.json", pointer: "/values/x/expression/map/1/root/0", message: expect.stringContaining("le champ « facilites » n'existe pas") },
    ]);
    expect(problemsOf({ root: "parameters.unknown" })[0]?.message).toContain("paramètre inconnu « unknown »");
    expect(problemsOf({ root: "period.startsAt" })[0]?.message).toContain("« period.startsAt » n'existe pas");
    // An item path is not a top-level path.
    expect(problemsOf({ map: [facilities, { root: "places" }] })[0]?.message).toContain("variable inconnue « places »");
  });

  it("refuses a path that is not a literal string", () => {
    expect(problemsOf({ root: { var: "data.startsOn" } })[0]).toMatchObject({ pointer: "/values/x/expression/root", message: expect.stringContaining("chaîne littérale") });
  });

  it("suggests root when var reads a top-level path inside map", () => {
    const [problem] = problemsOf({ map: [facilities, { var: "parameters.rate" }] });
    expect(problem?.message).toContain("n'existe pas dans les éléments de « data.facilities »");
    expect(problem?.message).toContain('{ "root": "parameters.rate" }');
  });

  it("may give the array of map/filter/… itself", () => {
    expect(problemsOf({ map: [{ root: "data.facilities" }, { var: "name" }] })).toEqual([]);
    expect(problemsOf({ map: [{ root: "data.facilities" }, { var: "town" }] })[0]?.message).toContain("le champ « town » n'existe pas dans les éléments de « data.facilities »");
  });

  it("counts as a dependency between computed values (cycles are found)", () => {
    const computed: ComputedValues = {
      values: {
        total: { label: "Total", type: "number", expression: { reduce: [facilities, { "+": [{ var: "accumulator" }, { root: "computed.endsOn" }] }, 0] } },
        endsOn: { label: "Fin", type: "date", expression: { date_add: [{ var: "data.startsOn" }, { var: "computed.total" }, "days"] } },
      },
    };
    const { problems } = checkComputed(computed, sources, "computed.json");
    expect(problems.map((p) => p.message)).toContain("dépendance circulaire : total → endsOn → total");
  });
});

describe("zip in map/filter/all/none/some/reduce", () => {
  const pairs = { zip: [facilities, structures] };

  it("checks 0.<field> against the first array's items and 1.<field> against the second's", () => {
    expect(problemsOf({ map: [pairs, { cat: [{ var: "0.name" }, { var: "1.places" }] }] })).toEqual([]);
    expect(problemsOf({ all: [pairs, { "<=": [{ var: "1.places" }, { var: "0.places" }] }] })).toEqual([]);
    expect(problemsOf({ reduce: [pairs, { "+": [{ var: "accumulator" }, { var: "current.1.places" }] }, 0] })).toEqual([]);
    expect(problemsOf({ none: [pairs, { "==": [{ var: "1" }, null] }] })).toEqual([]);
  });

  it("refuses unknown fields on either side", () => {
    expect(problemsOf({ map: [pairs, { var: "0.town" }] })).toEqual([
      { file: "computed.json", pointer: "/values/x/expression/map/1/var", message: "le champ « town » n'existe pas dans les éléments de « data.facilities »" },
    ]);
    expect(problemsOf({ map: [pairs, { var: "1.name" }] })[0]?.message).toBe("le champ « name » n'existe pas dans les éléments de « facts.decision.structures »");
    expect(problemsOf({ reduce: [pairs, { var: "current.1.name" }, 0] })[0]?.message).toContain("« name » n'existe pas dans les éléments de « facts.decision.structures »");
  });

  it("refuses paths that are not a side of the pair", () => {
    for (const path of ["name", "2.places"]) {
      expect(problemsOf({ map: [pairs, { var: path }] })[0]?.message).toContain("les éléments d'un « zip » sont des paires : lisez « 0.<champ> »");
    }
  });

  it("checks the zipped arrays themselves and nested arrays of a side", () => {
    expect(problemsOf({ map: [{ zip: [facilities, { var: "facts.decision.structure" }] }, { var: "0.name" }] })[0]).toMatchObject({
      pointer: "/values/x/expression/map/0/zip/1/var", message: expect.stringContaining("le champ « structure » n'existe pas dans le formulaire « decision »"),
    });
    expect(problemsOf({ map: [pairs, { map: [{ var: "1.rooms" }, { var: "size" }] }] })).toEqual([]);
    expect(problemsOf({ map: [pairs, { map: [{ var: "1.rooms" }, { var: "area" }] }] })[0]?.message).toContain("le champ « area » n'existe pas dans les éléments de « rooms »");
  });

  it("refuses a zip whose arrays are not literal paths", () => {
    const [problem] = problemsOf({ map: [{ zip: [{ filter: [facilities, true] }, structures] }, { var: "0.name" }] });
    expect(problem).toMatchObject({ pointer: "/values/x/expression/map/0", message: expect.stringContaining("« zip » de deux variables") });
  });

  it("checks zip and count outside map like any operator", () => {
    expect(problemsOf({ count: { zip: [facilities, structures] } })).toEqual([]);
    expect(problemsOf({ count: { var: "data.facility" } })[0]?.message).toContain("le champ « facility » n'existe pas");
  });
});

describe("arity and literal arguments of Guichet's operators", () => {
  it("refuses a wrong number of arguments, saying what is expected", () => {
    expect(problemsOf({ count: [1, 2, 3] })).toEqual([
      { file: "computed.json", pointer: "/values/x/expression/count", message: "« count » attend 1 argument (trouvé 3) : tableau ou [tableau]" },
    ]);
    expect(problemsOf({ date_add: ["2026-09-11"] })[0]?.message).toContain("« date_add » attend 2 à 3 arguments (trouvé 1)");
    expect(problemsOf({ zip: [facilities] })[0]?.message).toContain("« zip » attend 2 arguments (trouvé 1)");
    expect(problemsOf({ date_diff_days: ["2026-09-11", "2026-09-12", "2026-09-13"] })).toHaveLength(1);
  });

  it("refuses literal durations, units and amounts that could only give null", () => {
    expect(problemsOf({ date_add: [{ var: "data.startsOn" }, "PT1H"] })).toEqual([
      { file: "computed.json", pointer: "/values/x/expression/date_add/1", message: expect.stringContaining("durée « PT1H » invalide") },
    ]);
    expect(problemsOf({ date_add: [{ var: "data.startsOn" }, 2, "weeks"] })[0]).toMatchObject({ pointer: "/values/x/expression/date_add/2", message: "unité « weeks » inconnue (unités permises : days, months, years)" });
    expect(problemsOf({ date_add: [{ var: "data.startsOn" }, 1.5, "days"] })[0]?.message).toContain("doit être entier");
    expect(problemsOf({ date_add: [{ var: "data.startsOn" }, { var: "parameters.labelDuration" }] })).toEqual([]);
    expect(problemsOf({ date_add: [{ var: "data.startsOn" }, { var: "facts.decision.places" }, "months"] })).toEqual([]);
  });
});

describe("input.* where there is no input form", () => {
  it("says where it may be read and what to read instead, in a computed value or a rule", () => {
    expect(problemsOf({ var: "input.places" })).toEqual([{
      file: "computed.json", pointer: "/values/x/expression/var",
      message: "« input.places » n'est lisible que dans la garde d'une transition qui a un formulaire ; dans une valeur calculée ou une règle, lisez la dernière saisie par « facts.decision.places »",
    }]);
    expect(problemsOf({ var: "input.unknown" })[0]?.message).toContain("lisez la dernière saisie par « facts.<formulaire>.… »");
  });

  it("names the transition (event and state) of a guard without a form", () => {
    const scope = packageScope(sources, { transition: { event: "GRANT", state: "review.committee" } });
    expect(scope.check("input.places")).toBe(
      "« input.places » n'est lisible que dans la garde d'une transition qui a un formulaire : la transition « GRANT » de l'état « review.committee » n'en a pas ; lisez la dernière saisie par « facts.decision.places », ou donnez un formulaire (meta.form) à cette transition",
    );
  });

  it("reads the input form of a transition that has one", () => {
    expect(problemsOf({ var: "input.places" }, { inputForm: "decision" })).toEqual([]);
    expect(problemsOf({ map: [{ var: "input.structures" }, { root: "input.places" }] }, { inputForm: "decision" })).toEqual([]);
  });
});
