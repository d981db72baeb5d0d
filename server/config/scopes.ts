/**
 * Scopes of the static expression check: what a variable may read at one
 * place of an expression. Inside map/filter/all/none/some the item of the
 * array (or, after a `zip`, the pair of items `0.…` / `1.…`), inside reduce
 * `current` and `accumulator`.
 */
import { isOperatorNode } from "../engine/expressions";

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
    items: (path) => (path.startsWith("current.") ? item.items(path.slice("current.".length)) : openScope),
  };
}

/** The items of a `zip`: pairs whose side 0 is an item of the first array, side 1 of the second. */
function pairScope(sides: [Scope, Scope]): Scope {
  const side = (path: string): { scope: Scope; rest: string } | null => {
    const [head, ...rest] = path.split(".");
    return head === "0" || head === "1" ? { scope: sides[Number(head)]!, rest: rest.join(".") } : null;
  };
  return {
    check(path) {
      const found = side(path);
      if (!found) return `les éléments d'un « zip » sont des paires : lisez « 0.<champ> » (élément du premier tableau) ou « 1.<champ> » (élément du second) (trouvé « ${path} »)`;
      return found.rest === "" ? null : found.scope.check(found.rest);
    },
    items(path) {
      const found = side(path);
      return found && found.rest !== "" ? found.scope.items(found.rest) : openScope;
    },
  };
}

/** The scope of the items of a literal `var` or `root` path, or null for any other expression. */
function pathItems(node: unknown, scope: Scope, top: Scope): Scope | null {
  if (!isOperatorNode(node)) return null;
  const op = "var" in node ? "var" : "root" in node ? "root" : null;
  if (op === null) return null;
  const arg = node[op];
  const path = Array.isArray(arg) ? arg[0] : arg;
  if (typeof path !== "string") return null;
  return (op === "root" ? top : scope).items(path);
}

/**
 * The scope of the second argument of a scoped operator `op` whose first
 * argument is `array`: the items of a literal path, or pairs of a `zip` of two
 * literal paths; null when the items cannot be known.
 */
export function itemScope(op: string, array: unknown, scope: Scope, top: Scope): Scope | null {
  let items = pathItems(array, scope, top);
  if (items === null && isOperatorNode(array) && "zip" in array && Array.isArray(array.zip) && array.zip.length === 2) {
    const a = pathItems(array.zip[0], scope, top);
    const b = pathItems(array.zip[1], scope, top);
    if (a && b) items = pairScope([a, b]);
  }
  if (items === null) return null;
  return op === "reduce" ? reduceScope(items) : items;
}
