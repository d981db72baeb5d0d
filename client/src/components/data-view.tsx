/**
 * Form data shown read-only, laid out by its JSON Schema: titles as terms,
 * choices by their label, yes/no, attachments as download links, lists
 * numbered, sub-objects as sub-headings, in the order of the form (its
 * uiSchema). Works for any form of any package.
 */
import type { Attachment, JsonSchema } from "../api/types";
import { formatSize } from "../format";
import { resolveRef as resolve } from "../forms/resolve-ref";

type Props = { schema: JsonSchema; data: unknown; attachments?: Record<string, Attachment>; root?: JsonSchema; headingLevel?: 3 | 4 | 5 | 6; ui?: Record<string, unknown> | undefined };

function choiceLabel(schema: JsonSchema, value: unknown): string | undefined {
  const options = (schema.oneOf ?? schema.anyOf) as Array<{ const?: unknown; title?: string }> | undefined;
  return options?.find((o) => o.const === value)?.title;
}

function Scalar({ schema, value, attachments }: { schema: JsonSchema; value: unknown; attachments?: Record<string, Attachment> | undefined }) {
  if (value === undefined || value === null || value === "") return <span className="fr-text--sm fr-text-mention--grey">Non renseigné</span>;
  if (typeof value === "boolean") return <>{value ? "Oui" : "Non"}</>;
  if (schema.format === "attachment" && typeof value === "string") {
    const file = attachments?.[value];
    return <a href={`/api/attachments/${value}`} download>{file ? `${file.file_name} (${formatSize(file.size)})` : "Télécharger la pièce"}</a>;
  }
  if (schema.format === "date" && typeof value === "string") return <>{new Date(`${value}T12:00:00Z`).toLocaleDateString("fr-FR", { dateStyle: "long" })}</>;
  if (typeof value === "number") return <>{value.toLocaleString("fr-FR")}</>;
  return <>{choiceLabel(schema, value) ?? String(value)}</>;
}

/** The properties in the uiSchema's order ("ui:order", with "*" for the rest), as the form shows them. */
function ordered(names: string[], ui: Record<string, unknown> | undefined): string[] {
  const order = Array.isArray(ui?.["ui:order"]) ? (ui["ui:order"] as string[]) : [];
  const rest = names.filter((n) => !order.includes(n));
  const out = order.flatMap((n) => (n === "*" ? rest : names.includes(n) ? [n] : []));
  return order.includes("*") ? out : [...out, ...rest];
}

type Ui = Record<string, unknown> | undefined;
const sub = (ui: Ui, key: string) => ui?.[key] as Ui;

export function DataView({ schema, data, attachments, root = schema, headingLevel = 3, ui }: Props) {
  const s = resolve(schema, root);
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const record = (data ?? {}) as Record<string, unknown>;
  const Heading = `h${headingLevel}` as "h3";
  const next = Math.min(headingLevel + 1, 6) as 3 | 4 | 5 | 6;
  const ItemHeading = `h${next}` as "h4";
  // Runs of plain fields become one list of terms; blocks (sub-objects, lists) come in their place.
  const runs: Array<{ simple: Array<[string, JsonSchema]> } | { block: [string, JsonSchema] }> = [];
  for (const name of ordered(Object.keys(properties), ui)) {
    const c = resolve(properties[name]!, root);
    const isChoiceList = c.type === "array" && c.uniqueItems === true;
    if (c.type === "object" || (c.type === "array" && !isChoiceList)) runs.push({ block: [name, c] });
    else {
      const last = runs[runs.length - 1];
      if (last && "simple" in last) last.simple.push([name, c]);
      else runs.push({ simple: [[name, c]] });
    }
  }
  return (
    <>
      {runs.map((run, r) => "simple" in run ? (
        <dl key={r} className="guichet-kv">
          {run.simple.map(([name, c]) => (
            <div key={name} style={{ display: "contents" }}>
              <dt>{String(c.title ?? name)}</dt>
              <dd>
                {c.type === "array" && Array.isArray(record[name])
                  ? (record[name] as unknown[]).map((v) => choiceLabel(resolve(c.items as JsonSchema, root), v) ?? String(v)).join(", ") || "—"
                  : <Scalar schema={c} value={record[name]} attachments={attachments} />}
              </dd>
            </div>
          ))}
        </dl>
      ) : (() => {
        const [name, c] = run.block;
        return (
          <div key={name} className="fr-mb-2w">
            <Heading className="fr-h6 fr-mb-1w">{String(c.title ?? name)}</Heading>
            {c.type === "array"
              ? (Array.isArray(record[name]) && (record[name] as unknown[]).length > 0
                ? (record[name] as unknown[]).map((item, i) => (
                  <div key={i} className="guichet-item fr-mb-2w">
                    <ItemHeading className="fr-text--md fr-text--bold fr-mb-1w">{String(resolve(c.items as JsonSchema, root).title ?? "Élément")} n° {i + 1}</ItemHeading>
                    <DataView schema={c.items as JsonSchema} data={item} attachments={attachments} root={root} headingLevel={Math.min(next + 1, 6) as 3 | 4 | 5 | 6} ui={sub(sub(ui, name), "items")} />
                  </div>
                ))
                : <p className="fr-text--sm">Aucun élément.</p>)
              : <DataView schema={c} data={record[name]} attachments={attachments} root={root} headingLevel={next} ui={sub(ui, name)} />}
          </div>
        );
      })())}
    </>
  );
}
