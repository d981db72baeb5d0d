import { describe, expect, it } from "vitest";
import { ALLOWED_OPERATORS, OPERATORS, SCOPED_OPERATORS, evaluate } from "../../server/engine/expressions";

describe("the operator registry", () => {
  it("documents every operator in French, with its arguments and whether it is standard JsonLogic", () => {
    for (const [name, info] of Object.entries(OPERATORS)) {
      expect(info.description.length, name).toBeGreaterThan(10);
      expect(info.arguments.length, name).toBeGreaterThan(0);
      expect(typeof info.standard, name).toBe("boolean");
      if (!info.standard) expect(info.apply, `${name} is Guichet's own: it needs an implementation`).toBeTypeOf("function");
    }
    expect(Object.entries(OPERATORS).filter(([, i]) => !i.standard).map(([n]) => n).sort()).toEqual(
      ["ceil", "count", "date_add", "date_diff_days", "date_diff_months", "floor", "month_of", "object", "root", "round", "year_of", "zip"],
    );
    expect([...ALLOWED_OPERATORS].sort()).toEqual(Object.keys(OPERATORS).sort());
    expect([...SCOPED_OPERATORS].sort()).toEqual(["all", "filter", "map", "none", "reduce", "some"]);
    expect(OPERATORS.all!.description).toMatch(/faux sur un tableau vide/);
    expect(OPERATORS["<"]!.description).toMatch(/ordre des chaînes est celui des dates/);
  });

  it.each(Object.entries(OPERATORS).filter(([, i]) => i.example))("the example of %s gives its result", (_name, info) => {
    expect(evaluate(info.example!.expression, info.example!.data ?? {})).toEqual(info.example!.result);
  });

  it("has no operator that reaches JavaScript objects", () => {
    expect(ALLOWED_OPERATORS.has("method")).toBe(false);
    expect(ALLOWED_OPERATORS.has("log")).toBe(false);
  });
});

describe("root", () => {
  const context = {
    data: { facilities: [{ name: "A", places: 2 }, { name: "B", places: 0 }], minimum: 1 },
    parameters: { rate: 0.5, opensOn: "2026-09-01" },
  };

  it("reads the whole context inside map, filter, all, none, some and reduce", () => {
    expect(evaluate({ map: [{ var: "data.facilities" }, { "*": [{ var: "places" }, { root: "parameters.rate" }] }] }, context)).toEqual([1, 0]);
    expect(evaluate({ filter: [{ var: "data.facilities" }, { ">=": [{ var: "places" }, { root: "data.minimum" }] }] }, context)).toEqual([{ name: "A", places: 2 }]);
    expect(evaluate({ all: [{ var: "data.facilities" }, { ">=": [{ var: "places" }, { root: "data.minimum" }] }] }, context)).toBe(false);
    expect(evaluate({ none: [{ var: "data.facilities" }, { ">": [{ var: "places" }, { root: "data.minimum" }] }] }, context)).toBe(false);
    expect(evaluate({ some: [{ var: "data.facilities" }, { "<": [{ var: "places" }, { root: "data.minimum" }] }] }, context)).toBe(true);
    const sum = { reduce: [{ var: "data.facilities" }, { "+": [{ var: "accumulator" }, { var: "current.places" }, { root: "data.minimum" }] }, 0] };
    expect(evaluate(sum, context)).toBe(4);
    // Plain `var` only sees the item there.
    expect(evaluate({ map: [{ var: "data.facilities" }, { var: "data.minimum" }] }, context)).toEqual([null, null]);
  });

  it("reads the top level like var, with a default, and only own properties", () => {
    expect(evaluate({ root: "parameters.opensOn" }, context)).toBe("2026-09-01");
    expect(evaluate({ root: ["data.absent", 7] }, context)).toBe(7);
    expect(evaluate({ root: "data.absent" }, context)).toBeNull();
    expect(evaluate({ root: "data.constructor" }, context)).toBeNull();
    expect(evaluate({ root: "data.__proto__" }, context)).toBeNull();
    expect(evaluate({ root: "data.facilities.1.name" }, context)).toBe("B");
  });

  it("reads the context of the evaluation under way, also when evaluations follow each other", () => {
    expect(evaluate({ root: "x" }, { x: 1 })).toBe(1);
    expect(evaluate({ root: "x" }, { x: 2 })).toBe(2);
  });
});

describe("zip and count", () => {
  it("pairs two arrays, as long as the longer one", () => {
    expect(evaluate({ zip: [[1, 2], ["a", "b"]] }, {})).toEqual([[1, "a"], [2, "b"]]);
    expect(evaluate({ zip: [[1], ["a", "b"]] }, {})).toEqual([[1, "a"], [null, "b"]]);
    expect(evaluate({ zip: [{ var: "missing" }, [1]] }, {})).toEqual([[null, 1]]);
    expect(evaluate({ zip: [[], []] }, {})).toEqual([]);
  });

  it("lets map/all/reduce read both sides of each pair as 0.<field> and 1.<field>", () => {
    const context = { data: { facilities: [{ name: "A" }, { name: "B" }] }, facts: { decision: { structures: [{ places: 3 }, { places: 0 }] } } };
    const pairs = { zip: [{ var: "data.facilities" }, { var: "facts.decision.structures" }] };
    expect(evaluate({ map: [pairs, { cat: [{ var: "0.name" }, " : ", { var: "1.places" }] }] }, context)).toEqual(["A : 3", "B : 0"]);
    expect(evaluate({ all: [pairs, { ">": [{ var: "1.places" }, 0] }] }, context)).toBe(false);
    expect(evaluate({ reduce: [pairs, { "+": [{ var: "accumulator" }, { var: "current.1.places" }] }, 0] }, context)).toBe(3);
  });

  it("counts the items of an array, 0 for anything else", () => {
    expect(evaluate({ count: { var: "items" } }, { items: [1, 2, 3] })).toBe(3);
    expect(evaluate({ count: [{ var: "items" }] }, { items: [] })).toBe(0);
    expect(evaluate({ count: { var: "items" } }, {})).toBe(0);
    expect(evaluate({ count: "abc" }, {})).toBe(0);
    expect(evaluate({ count: { filter: [{ var: "items" }, { ">": [{ var: "" }, 1] }] } }, { items: [1, 2, 3] })).toBe(2);
  });
});

describe("standard JsonLogic behaviours worth knowing", () => {
  it("all is false on an empty array; none is true", () => {
    expect(evaluate({ all: [{ var: "items" }, { ">": [{ var: "" }, 0] }] }, { items: [] })).toBe(false);
    expect(evaluate({ none: [{ var: "items" }, { "<=": [{ var: "" }, 0] }] }, { items: [] })).toBe(true);
  });
});
