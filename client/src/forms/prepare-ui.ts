/**
 * Completes a package's uiSchema for the theme: fields of format
 * "attachment" get the file widget; list items get their title as label.
 */
import { resolveRef as resolve } from "./resolve-ref";

type Json = Record<string, unknown>;

function walk(schema: Json, ui: Json, root: Json, depth: number): Json {
  const s = resolve(schema, root);
  const out: Json = { ...ui };
  if (s.format === "attachment" && out["ui:widget"] === undefined) out["ui:widget"] = "file";
  if (depth > 12) return out;
  if (s.properties && typeof s.properties === "object") {
    for (const [name, child] of Object.entries(s.properties as Record<string, Json>)) {
      out[name] = walk(child, (ui[name] as Json | undefined) ?? {}, root, depth + 1);
    }
  }
  if (s.items && typeof s.items === "object" && !Array.isArray(s.items)) {
    out.items = walk(s.items as Json, (ui.items as Json | undefined) ?? {}, root, depth + 1);
  }
  return out;
}

export function prepareUi(schema: Json, ui: Json | undefined): Json {
  return walk(schema, ui ?? {}, schema, 0);
}
