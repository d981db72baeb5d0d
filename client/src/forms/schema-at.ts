/** The schema of a dotted field path in a form ("facilities.town": through lists and $refs). */
import { resolveRef as resolve } from "./resolve-ref";

type Json = Record<string, unknown>;

export function schemaAt(root: Json, dotted: string): Json | undefined {
  let node: Json | undefined = root;
  for (const segment of dotted.split(".")) {
    node = resolve(node, root);
    while (node && node.type === "array" && node.items) node = resolve(node.items as Json, root);
    node = (node?.properties as Record<string, Json> | undefined)?.[segment];
  }
  node = resolve(node, root);
  while (node && node.type === "array" && node.items) node = resolve(node.items as Json, root);
  return node;
}

/** The choices a scalar field offers: enum values, oneOf const/title, or yes/no. */
export function choicesOf(schema: Json | undefined): Array<{ value: string; label: string }> | null {
  if (!schema) return null;
  if (schema.type === "boolean") return [{ value: "true", label: "Oui" }, { value: "false", label: "Non" }];
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => ({ value: String(v), label: String(v) }));
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as Array<{ const?: unknown; title?: string }>).filter((o) => o.const !== undefined).map((o) => ({ value: String(o.const), label: o.title ?? String(o.const) }));
  return null;
}
