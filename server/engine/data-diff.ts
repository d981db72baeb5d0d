/**
 * A small structural diff between two JSON values, as JSON-pointer changes,
 * recorded in each audit event.
 */
export type Change = { op: "add" | "remove" | "replace"; path: string; value?: unknown; previous?: unknown };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function diff(before: unknown, after: unknown, path = ""): Change[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const p = `${path}/${escape(k)}`;
      if (!(k in after)) return [{ op: "remove" as const, path: p, previous: before[k] }];
      if (!(k in before)) return [{ op: "add" as const, path: p, value: after[k] }];
      return diff(before[k], after[k], p);
    });
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ op: "replace", path: path || "/", value: after, previous: before }];
}
