import { describe, expect, it } from "vitest";
import { evaluate, isTruthy } from "../../server/engine/expressions";

describe("expressions (JsonLogic)", () => {
  it("floors without floating-point noise", () => {
    expect(evaluate({ floor: [{ "*": [0.2, 32] }] }, {})).toBe(6);
    expect(evaluate({ floor: [{ "*": [0.29, 100] }] }, {})).toBe(29);
    expect(evaluate({ ceil: [{ "*": [0.1, 30] }] }, {})).toBe(3);
  });

  it("rounds to a number of decimals", () => {
    expect(evaluate({ round: [{ "/": [1760, 2420] }, 4] }, {})).toBe(0.7273);
    expect(evaluate({ round: [2.5] }, {})).toBe(3);
  });

  it("turns division by zero and arithmetic on missing values into null", () => {
    expect(evaluate({ "/": [4, 0] }, {})).toBeNull();
    expect(evaluate({ "*": [{ var: "data.missing" }, 2] }, { data: {} })).toBeNull();
  });

  it("sums over arrays with reduce and reads outer defaults", () => {
    const sum = { reduce: [{ var: "data.items" }, { "+": [{ var: "accumulator" }, { var: ["current.n", 0] }] }, 0] };
    expect(evaluate(sum, { data: { items: [{ n: 2 }, {}, { n: 3 }] } })).toBe(5);
    expect(evaluate(sum, { data: {} })).toBe(0);
  });

  it("cannot call JavaScript methods", () => {
    expect(() => evaluate({ method: ["abc", "toUpperCase"] }, {})).toThrow(/Unrecognized operation method/);
    expect(() => evaluate({ log: ["x"] }, {})).toThrow(/Unrecognized operation log/);
  });

  it("uses JsonLogic truthiness (an empty array is false)", () => {
    expect(isTruthy([])).toBe(false);
    expect(isTruthy([0])).toBe(true);
    expect(isTruthy(0)).toBe(false);
  });
});
