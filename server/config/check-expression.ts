/**
 * Static check of a JsonLogic expression: every operator must be in the
 * registry (with as many arguments as it takes) and every variable must name
 * something that exists in its scope (a form field, a parameter, a computed
 * value, an array item inside map/filter/reduce, either side of a `zip`…);
 * `root` paths are checked against the top-level scope wherever they appear.
 * Runs at load time, so a typo fails the package, not a dossier.
 */
import { DATE_UNITS, ISO_DATE_DURATION } from "../engine/date-operators";
import { OBJECT_KEY } from "../engine/operators";
import { ALLOWED_OPERATORS, OPERATORS, SCOPED_OPERATORS, isOperatorNode } from "../engine/expressions";
import { pointer, type Problem } from "./problems";
import { itemScope, type Scope } from "./scopes";

export { openScope, type Scope } from "./scopes";

/** Where the walk is: the scope of `var`, the top-level scope of `root`, the file for problems. */
type Walk = { scope: Scope; top: Scope; file: string; problems: Problem[] };

/** Appends to `problems` every unknown operator and unreadable variable of `expression`. */
export function checkExpression(expression: unknown, scope: Scope, file: string, at: string, problems: Problem[]): void {
  walk(expression, { scope, top: scope, file, problems }, at);
}

function report(w: Walk, at: string, message: string): void {
  w.problems.push({ file: w.file, pointer: at, message });
}

/** A path error, with a hint when the path is readable from the top level (inside map/filter/…). */
function pathError(w: Walk, path: string): string | null {
  const error = w.scope.check(path);
  if (error === null || w.scope === w.top || w.top.check(path) !== null) return error;
  return `${error} ; ici « var » lit l'élément courant : pour lire « ${path} » dans le contexte entier, écrivez { "root": "${path}" }`;
}

function walk(expression: unknown, w: Walk, at: string): void {
  if (Array.isArray(expression)) {
    expression.forEach((item, i) => walk(item, w, pointer(at, i)));
    return;
  }
  if (typeof expression !== "object" || expression === null) return;
  if (!isOperatorNode(expression)) {
    report(w, at, "un objet d'expression doit avoir exactement une clé, le nom de l'opérateur");
    return;
  }
  const [op] = Object.keys(expression) as [string];
  const opAt = pointer(at, op);
  if (!ALLOWED_OPERATORS.has(op)) {
    report(w, opAt, `opérateur inconnu « ${op} » (opérateurs permis : ${[...ALLOWED_OPERATORS].join(", ")})`);
    return;
  }
  const raw = expression[op];
  const args = Array.isArray(raw) ? raw : [raw];
  const argAt = (i: number) => (Array.isArray(raw) ? pointer(opAt, i) : opAt);
  const arity = OPERATORS[op]!.arity;
  if (arity && (args.length < arity.min || args.length > arity.max)) {
    const expected = arity.min === arity.max ? `${arity.min}` : `${arity.min} à ${arity.max}`;
    report(w, opAt, `« ${op} » attend ${expected} argument${arity.max > 1 ? "s" : ""} (trouvé ${args.length}) : ${OPERATORS[op]!.arguments.join(" ou ")}`);
    return;
  }
  if (op === "var" || op === "root") {
    const path = args[0];
    if (op === "var" && typeof path === "number") return;
    if (typeof path !== "string") {
      report(w, opAt, `le chemin ${op === "root" ? "de « root »" : "d'une variable"} doit être une chaîne littérale`);
      return;
    }
    const error = op === "root" ? w.top.check(path) : pathError(w, path);
    if (error) report(w, argAt(0), error);
    args.slice(1).forEach((a, i) => walk(a, w, pointer(opAt, i + 1)));
    return;
  }
  if (SCOPED_OPERATORS.has(op)) {
    if (args.length < 2) {
      report(w, opAt, `« ${op} » attend un tableau puis une expression`);
      return;
    }
    walk(args[0], w, pointer(opAt, 0));
    const items = itemScope(op, args[0], w.scope, w.top);
    if (items === null) {
      report(w, pointer(opAt, 0), `le premier argument de « ${op} » doit être une variable (un chemin littéral, par « var » ou « root ») ou un « zip » de deux variables, pour que ses éléments soient vérifiés`);
      return;
    }
    walk(args[1], { ...w, scope: items }, pointer(opAt, 1));
    args.slice(2).forEach((a, i) => walk(a, w, pointer(opAt, i + 2)));
    return;
  }
  if (op === "missing" || op === "missing_some") {
    const paths = op === "missing" ? args : Array.isArray(args[1]) ? args[1] : [];
    paths.forEach((path, i) => {
      const pathAt = op === "missing" ? argAt(i) : pointer(opAt, 1, i);
      if (typeof path !== "string") report(w, pathAt, `« ${op} » attend des chemins littéraux`);
      else {
        const error = pathError(w, path);
        if (error) report(w, pathAt, error);
      }
    });
    return;
  }
  if (op === "date_add") checkDateAddLiterals(args, w, argAt);
  if (op === "object") {
    if (args.length % 2 !== 0) report(w, opAt, "« object » attend des paires clé, valeur : un nombre pair d'arguments");
    args.forEach((key, i) => {
      if (i % 2 === 0 && (typeof key !== "string" || !OBJECT_KEY.test(key))) report(w, argAt(i), `clé « ${String(key)} » invalide : une clé de « object » est un nom littéral (lettres, chiffres, _), qui commence par une lettre`);
    });
  }
  args.forEach((a, i) => walk(a, w, argAt(i)));
}

/** Literal durations and units of `date_add` are checked now rather than giving null later. */
function checkDateAddLiterals(args: unknown[], w: Walk, argAt: (i: number) => string): void {
  if (args.length === 2 && typeof args[1] === "string" && !ISO_DATE_DURATION.test(args[1])) {
    report(w, argAt(1), `durée « ${args[1]} » invalide : écrivez une durée ISO 8601 en années, mois, semaines ou jours (ex. « P1Y », « P6M », « P30D »)`);
  }
  if (args.length === 3 && typeof args[2] === "string" && !(DATE_UNITS as readonly string[]).includes(args[2])) {
    report(w, argAt(2), `unité « ${args[2]} » inconnue (unités permises : ${DATE_UNITS.join(", ")})`);
  }
  if (args.length === 3 && typeof args[1] === "number" && !Number.isInteger(args[1])) {
    report(w, argAt(1), `le nombre d'unités à ajouter doit être entier (trouvé ${args[1]})`);
  }
}
