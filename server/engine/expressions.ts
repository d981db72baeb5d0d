/**
 * The expression language of procedure packages: JsonLogic (json-logic-js),
 * an interpreter over plain JSON — no `eval`, no `new Function`. Admins write
 * computed values, rule assertions and conditions with it.
 *
 * Only the operators listed in ALLOWED_OPERATORS may appear; the loader checks
 * that (and every variable path) before a package can be published, and the
 * operators that could reach JavaScript objects (`method`, `log`) are removed
 * from the interpreter itself.
 */
import jsonLogic from "json-logic-js";

type JsonLogicRule = Parameters<typeof jsonLogic.apply>[0];

/** Rounds away floating-point noise such as 0.2 × 32 = 6.4000000000000004. */
function denoise(value: number): number {
  return Number(value.toFixed(9));
}

function asNumber(value: unknown): number {
  return typeof value === "number" ? value : Number.NaN;
}

jsonLogic.rm_operation("method");
jsonLogic.rm_operation("log");
jsonLogic.add_operation("floor", (x: unknown) => Math.floor(denoise(asNumber(x))));
jsonLogic.add_operation("ceil", (x: unknown) => Math.ceil(denoise(asNumber(x))));
jsonLogic.add_operation("round", (x: unknown, digits: unknown = 0) => {
  const d = typeof digits === "number" && Number.isInteger(digits) && digits >= 0 && digits <= 10 ? digits : 0;
  const factor = 10 ** d;
  return Math.round(denoise(asNumber(x) * factor)) / factor;
});

/** Operators whose second argument is evaluated once per array item, with the item as data. */
export const SCOPED_OPERATORS = new Set(["map", "filter", "all", "none", "some", "reduce"]);

export const ALLOWED_OPERATORS = new Set([
  "var", "missing", "missing_some",
  "if", "?:", "==", "===", "!=", "!==", "!", "!!", "or", "and",
  ">", ">=", "<", "<=", "max", "min", "+", "-", "*", "/", "%",
  "map", "reduce", "filter", "all", "none", "some", "merge", "in", "cat", "substr",
  "floor", "ceil", "round",
]);

/** True when `value` is an operator node: an object with exactly one key. */
export function isOperatorNode(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;
}

/**
 * Evaluates an expression against a context. Non-finite numbers (a division
 * by zero, arithmetic on a missing field) become `null`, so callers see
 * "no value" rather than NaN or Infinity.
 */
export function evaluate(expression: unknown, context: object): unknown {
  const result = jsonLogic.apply(expression as JsonLogicRule, context);
  if (typeof result === "number" && !Number.isFinite(result)) return null;
  return result;
}

/** JsonLogic truthiness (an empty array is falsy), used for conditions. */
export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}
