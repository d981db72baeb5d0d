/**
 * The one reader of dotted paths (`data.a.b`, `facts.form.field`) over JSON
 * values: own properties only, never the prototype chain, so a name written
 * in a package or a request (`constructor`, `__proto__`, `toString`) reads
 * nothing rather than an inherited function.
 */
export function readOwnPath(root: unknown, path: string | string[]): unknown {
  let value = root;
  for (const key of typeof path === "string" ? path.split(".") : path) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
