/** A field's human name from its schema and pointer, e.g. "Établissements n° 2 › SIRET". */
type Json = Record<string, unknown>;

function resolve(schema: Json | undefined, root: Json): Json | undefined {
  if (!schema) return undefined;
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/")) {
    const target = ref.slice(2).split("/").reduce<unknown>((node, key) => (node as Json | undefined)?.[key], root);
    return target && typeof target === "object" ? { ...(target as Json), ...schema } : schema;
  }
  return schema;
}

export function fieldLabel(root: Json, pointer: string): string {
  const parts: string[] = [];
  let node: Json | undefined = root;
  for (const segment of pointer.split("/").slice(1).filter(Boolean)) {
    node = resolve(node, root);
    if (!node) break;
    if (/^\d+$/.test(segment) && node.items) {
      const last = parts.pop();
      parts.push(`${last ?? "Élément"} n° ${Number(segment) + 1}`);
      node = node.items as Json;
      continue;
    }
    node = (node.properties as Record<string, Json> | undefined)?.[segment];
    const title = resolve(node, root)?.title;
    parts.push(typeof title === "string" ? title : segment);
  }
  return parts.join(" › ") || "Formulaire";
}
