/**
 * Checks that a uiSchema only names fields its form schema has (a renamed
 * field otherwise silently loses its widget, help text or place in the order).
 */
import { pointer, type Problem } from "./problems";
import { arrayItems, isUnconstrained, step, type SchemaNode } from "./schema-paths";

export function checkUi(ui: unknown, nodes: SchemaNode[], file: string, at = ""): Problem[] {
  if (typeof ui !== "object" || ui === null || Array.isArray(ui) || isUnconstrained(nodes)) return [];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(ui)) {
    if (key === "$schema") continue;
    if (key === "ui:order" && Array.isArray(value)) {
      value.forEach((name, i) => {
        if (name !== "*" && step(nodes, String(name)).length === 0) problems.push({ file, pointer: pointer(at, key, i), message: `« ui:order » nomme un champ absent du schéma : « ${String(name)} »` });
      });
      continue;
    }
    if (key.startsWith("ui:")) continue;
    if (key === "items") {
      const items = arrayItems(nodes);
      if (items.length === 0) problems.push({ file, pointer: pointer(at, key), message: "« items » sur un champ qui n'est pas une liste" });
      else problems.push(...checkUi(value, items, file, pointer(at, key)));
      continue;
    }
    const child = step(nodes, key);
    if (child.length === 0) problems.push({ file, pointer: pointer(at, key), message: `le champ « ${key} » n'existe pas dans le schéma du formulaire` });
    else problems.push(...checkUi(value, child, file, pointer(at, key)));
  }
  return problems;
}
