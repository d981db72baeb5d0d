/**
 * The expression language of procedure packages: JsonLogic (json-logic-js),
 * an interpreter over plain JSON — no `eval`, no `new Function`. Admins write
 * computed values, rule assertions and conditions with it.
 *
 * Only the operators of the registry (operators.ts) may appear; the loader
 * checks that (and every variable path) before a package can be published,
 * and the operators that could reach JavaScript objects (`method`, `log`) are
 * removed from the interpreter itself.
 *
 * json-logic-js binds `this` to the current item inside map/filter/…, so
 * Guichet's operators that need the whole context (`root`) or the
 * procedure's time zone (dates) read them from the evaluation under way,
 * set by `evaluate` for its (synchronous) duration.
 */
import jsonLogic from "json-logic-js";
import { OPERATORS, type OperatorEnv } from "./operators";

export { OPERATORS, type OperatorInfo } from "./operators";

type JsonLogicRule = Parameters<typeof jsonLogic.apply>[0];

export type EvaluateOptions = {
  /** IANA time zone in which date-time strings are taken to their local date (default UTC). */
  timeZone?: string;
};

let current: OperatorEnv = { root: {}, timeZone: "UTC" };

jsonLogic.rm_operation("method");
jsonLogic.rm_operation("log");
for (const [name, info] of Object.entries(OPERATORS)) {
  const apply = info.apply;
  if (apply) jsonLogic.add_operation(name, (...args: unknown[]) => apply(args, current));
}

/** Operators whose second argument is evaluated once per array item, with the item as data. */
export const SCOPED_OPERATORS: ReadonlySet<string> = new Set(Object.keys(OPERATORS).filter((op) => OPERATORS[op]!.scoped));

export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set(Object.keys(OPERATORS));

/** True when `value` is an operator node: an object with exactly one key. */
export function isOperatorNode(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;
}

/**
 * Evaluates an expression against a context. Non-finite numbers (a division
 * by zero, arithmetic on a missing field) become `null`, so callers see
 * "no value" rather than NaN or Infinity.
 */
export function evaluate(expression: unknown, context: object, options: EvaluateOptions = {}): unknown {
  const previous = current;
  current = { root: context, timeZone: options.timeZone ?? "UTC" };
  try {
    const result = jsonLogic.apply(expression as JsonLogicRule, context);
    if (typeof result === "number" && !Number.isFinite(result)) return null;
    return result;
  } finally {
    current = previous;
  }
}

/** JsonLogic truthiness (an empty array is falsy), used for conditions. */
export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}
