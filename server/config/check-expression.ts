/**
 * Static check of a JsonLogic expression: every operator must be allowed and
 * every variable must name something that exists in its scope (a form field,
 * a parameter, a computed value, an array item inside map/filter/reduce…).
 * Runs at load time, so a typo fails the package, not a dossier.
 */
import { ALLOWED_OPERATORS, SCOPED_OPERATORS, isOperatorNode } from "../engine/expressions";
import { pointer, type Problem } from "./problems";

/** What variables may be read where an expression is evaluated. */
export type Scope = {
  /** `null` when the path is readable, else a French message saying why not. */
  check(path: string): string | null;
  /** The scope inside map/filter/all/none/some for the array at `path`. */
  items(path: string): Scope;
};

export const openScope: Scope = { check: () => null, items: () => openScope };

function reduceScope(item: Scope): Scope {
  return {
    check(path) {
      if (path === "accumulator" || path.startsWith("accumulator.")) return null;
      if (path === "current") return null;
      if (path.startsWith("current.")) return item.check(path.slice("current.".length));
      return `dans « reduce », seules « current » et « accumulator » sont lisibles (trouvé « ${path} »)`;
    },
    items: () => openScope,
  };
}

function literalVarPath(node: unknown): string | null {
  if (!isOperatorNode(node) || !("var" in node)) return null;
  const arg = node.var;
  const first = Array.isArray(arg) ? arg[0] : arg;
  return typeof first === "string" ? first : null;
}

/** Appends to `problems` every unknown operator and unreadable variable of `expression`. */
export function checkExpression(expression: unknown, scope: Scope, file: string, at: string, problems: Problem[]): void {
  if (Array.isArray(expression)) {
    expression.forEach((item, i) => checkExpression(item, scope, file, pointer(at, i), problems));
    return;
  }
  if (typeof expression !== "object" || expression === null) return;
  if (!isOperatorNode(expression)) {
    problems.push({ file, pointer: at, message: "un objet d'expression doit avoir exactement une clé, le nom de l'opérateur" });
    return;
  }
  const [op] = Object.keys(expression) as [string];
  const opAt = pointer(at, op);
  if (!ALLOWED_OPERATORS.has(op)) {
    problems.push({ file, pointer: opAt, message: `opérateur inconnu « ${op} » (opérateurs permis : ${[...ALLOWED_OPERATORS].join(", ")})` });
    return;
  }
  const raw = expression[op];
  const args = Array.isArray(raw) ? raw : [raw];
  if (op === "var") {
    const path = args[0];
    if (typeof path === "number") return;
    if (typeof path !== "string") {
      problems.push({ file, pointer: opAt, message: "le chemin d'une variable doit être une chaîne littérale" });
      return;
    }
    const error = scope.check(path);
    if (error) problems.push({ file, pointer: Array.isArray(raw) ? pointer(opAt, 0) : opAt, message: error });
    args.slice(1).forEach((a, i) => checkExpression(a, scope, file, pointer(opAt, i + 1), problems));
    return;
  }
  if (SCOPED_OPERATORS.has(op)) {
    if (args.length < 2) {
      problems.push({ file, pointer: opAt, message: `« ${op} » attend un tableau puis une expression` });
      return;
    }
    checkExpression(args[0], scope, file, pointer(opAt, 0), problems);
    const arrayPath = literalVarPath(args[0]);
    if (arrayPath === null) {
      problems.push({ file, pointer: pointer(opAt, 0), message: `le premier argument de « ${op} » doit être une variable (un chemin littéral), pour que ses éléments soient vérifiés` });
      return;
    }
    const item = scope.items(arrayPath);
    checkExpression(args[1], op === "reduce" ? reduceScope(item) : item, file, pointer(opAt, 1), problems);
    args.slice(2).forEach((a, i) => checkExpression(a, scope, file, pointer(opAt, i + 2), problems));
    return;
  }
  if (op === "missing" || op === "missing_some") {
    const paths = op === "missing" ? args : Array.isArray(args[1]) ? args[1] : [];
    paths.forEach((path, i) => {
      const at = op === "missing" ? (Array.isArray(raw) ? pointer(opAt, i) : opAt) : pointer(opAt, 1, i);
      if (typeof path !== "string") problems.push({ file, pointer: at, message: `« ${op} » attend des chemins littéraux` });
      else {
        const error = scope.check(path);
        if (error) problems.push({ file, pointer: at, message: error });
      }
    });
    return;
  }
  args.forEach((a, i) => checkExpression(a, scope, file, Array.isArray(raw) ? pointer(opAt, i) : opAt, problems));
}
