/** The sections of a long form: its top-level properties, in the uiSchema's order. */
import type { JsonSchema } from "../api/types";

export type Section = { name: string; title: string };

export function formSections(schema: JsonSchema, ui: Record<string, unknown> | undefined): Section[] {
  const properties = (schema.properties ?? {}) as Record<string, { title?: string }>;
  const names = Object.keys(properties);
  const order = Array.isArray(ui?.["ui:order"]) ? (ui!["ui:order"] as string[]) : [];
  const rest = names.filter((n) => !order.includes(n));
  const ordered = order.flatMap((n) => (n === "*" ? rest : names.includes(n) ? [n] : []));
  if (!order.includes("*")) ordered.push(...rest);
  return ordered.map((name) => ({ name, title: properties[name]?.title ?? name }));
}
