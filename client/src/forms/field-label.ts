/** A field's human name from its schema and pointer, e.g. "Établissements n° 2 › SIRET". */
import { resolveRef as resolve } from "./resolve-ref";

type Json = Record<string, unknown>;

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
