/**
 * Reads the meta-schemas for the format reference: a schema node as a short
 * French type ("texte", "liste de …", "`blocking` ou `warning`"), and an
 * object schema as rows of a property table (dotted paths, required or not,
 * type, description), so that a property added to a meta-schema appears in
 * docs/FORMAT.md without touching the generator.
 */
import { code, frenchList, inlineJson, table } from "./markdown";

export type SchemaNode = { [key: string]: unknown };

/** The meta-schemas by `$id` (urn:guichet:meta:<kind>). */
export type SchemaSet = ReadonlyMap<string, SchemaNode>;

export type PropertyRow = { path: string; required: boolean; type: string; description: string };

/** Where a `$ref` to another meta-schema is explained in the reference (anchor or file). */
export type RefNames = Readonly<Record<string, string>>;

const EXPRESSION_ID = "urn:guichet:meta:expression";

export function isNode(value: unknown): value is SchemaNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a JSON pointer inside a schema (`#/$defs/timer`). */
export function at(root: SchemaNode, pointer: string): SchemaNode | undefined {
  let node: unknown = root;
  for (const key of pointer.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    node = isNode(node) ? node[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  }
  return isNode(node) ? node : undefined;
}

export type Reader = {
  /** The node a `$ref` points to (same schema, or another meta-schema), or the node itself. */
  resolve(node: SchemaNode): SchemaNode;
  typeText(node: SchemaNode): string;
  describe(node: SchemaNode): string;
  /** One alternative of an `anyOf`, with the type of each key of a small object. */
  alternative(node: SchemaNode): string;
  /** French notes on combined requirements of an object schema ("Exactement un de : …"). */
  notes(node: SchemaNode): string[];
  /** Property rows of an object schema; references listed in `stop` are not expanded (they have their own table). */
  rows(node: SchemaNode, prefix?: string, stop?: string[]): PropertyRow[];
};

function bounds(node: SchemaNode, unit = ""): string[] {
  const parts: string[] = [];
  const min = node.minimum ?? node.minLength ?? node.minItems ?? node.minProperties;
  const max = node.maximum ?? node.maxLength ?? node.maxItems ?? node.maxProperties;
  if (typeof min === "number" && typeof max === "number") parts.push(`de ${min} à ${max}${unit}`);
  else if (typeof min === "number" && min > 0) parts.push(`au moins ${min}${unit}`);
  else if (typeof min === "number") parts.push(`≥ ${min}`);
  else if (typeof max === "number") parts.push(`au plus ${max}${unit}`);
  return parts;
}

const TYPE_NAMES: Record<string, string> = { string: "texte", number: "nombre", integer: "entier", boolean: "booléen", object: "objet", array: "liste", null: "null" };

/** A reader of the schemas of `set`, `root` being the schema that holds local `#/…` references. */
export function schemaReader(set: SchemaSet, root: SchemaNode, refNames: RefNames = {}): Reader {
  const home = (node: SchemaNode): SchemaNode => {
    const ref = node.$ref;
    if (typeof ref !== "string") return root;
    const [id = ""] = ref.split("#");
    return id ? set.get(id) ?? root : root;
  };
  const resolve = (node: SchemaNode): SchemaNode => {
    const ref = node.$ref;
    if (typeof ref !== "string" || ref === "#") return node;
    const [id = "", pointer = ""] = ref.split("#");
    const base = id ? set.get(id) : root;
    const target = base ? at(base, pointer) : undefined;
    return target ? { ...target, ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== "$ref")) } : node;
  };

  function typeText(node: SchemaNode, seen: ReadonlySet<string> = new Set()): string {
    const ref = typeof node.$ref === "string" ? node.$ref : undefined;
    const key = ref?.startsWith("#") ? `${String(root.$id ?? "")}${ref}` : ref;
    if (key && key in refNames) return refNames[key]!;
    if (ref === "#" || (ref && seen.has(ref))) return "même structure (imbriquée)";
    if (ref === EXPRESSION_ID) return "expression";
    const next = ref ? new Set([...seen, ref]) : seen;
    const n = resolve(node);
    const reader = ref && !ref.startsWith("#") ? schemaReader(set, home(node), refNames) : undefined;
    if (reader && ref) return reader.typeText({ ...n, $ref: undefined });
    if ("const" in n) return code(inlineJson(n.const));
    if (Array.isArray(n.enum)) return frenchList(n.enum.map((v) => code(inlineJson(v))), "ou");
    const alternatives = (Array.isArray(n.anyOf) ? n.anyOf : Array.isArray(n.oneOf) ? n.oneOf : []).filter(isNode);
    if (alternatives.length > 0 && !n.type) return alternatives.map((a) => shape(a, next)).join(" ; ou ");
    const types = Array.isArray(n.type) ? n.type.map(String) : typeof n.type === "string" ? [n.type] : [];
    if (types.length === 0) return "toute valeur JSON";
    if (types.length > 1) return frenchList(types.map((t) => TYPE_NAMES[t] ?? t), "ou");
    const type = types[0]!;
    if (type === "array") {
      const items = isNode(n.items) ? typeText(n.items, next) : "valeurs";
      return ["liste de : " + items, ...bounds(n, " élément(s)"), n.uniqueItems === true ? "sans doublon" : ""].filter(Boolean).join(", ");
    }
    if (type === "object") {
      if (isNode(n.additionalProperties) && !isNode(n.properties)) {
        const key = isNode(n.propertyNames) ? ` (${typeText(n.propertyNames, next)})` : "";
        return `objet, par nom${key} : ${typeText(n.additionalProperties, next)}`;
      }
      return ["objet", ...bounds(n, " propriété(s)")].join(", ");
    }
    const parts = [TYPE_NAMES[type] ?? type];
    if (typeof n.format === "string") parts.push(`au format ${code(n.format)}`);
    if (typeof n.pattern === "string") parts.push(`de motif ${code(n.pattern)}`);
    parts.push(...bounds(n, type === "string" ? " caractère(s)" : ""));
    return parts.join(", ").replace(/, (au format|de motif)/g, " $1");
  }

  /** An alternative: a small object written as its keys (`{ "parameter": … }`), anything else by its type. */
  function shape(node: SchemaNode, seen: ReadonlySet<string>, detailed = false): string {
    const n = typeof node.$ref === "string" && node.$ref.startsWith("#") ? resolve(node) : node;
    const props = isNode(n.properties) ? Object.entries(n.properties).filter(([, v]) => isNode(v)) : [];
    if (n.type !== "object" || props.length === 0 || props.length > 3) return typeText(node, seen);
    const keys = code(`{ ${props.map(([k]) => `"${k}": …`).join(", ")} }`);
    return detailed ? `${keys} (${props.map(([k, v]) => `${k} : ${typeText(v as SchemaNode, seen)}`).join(" ; ")})` : keys;
  }

  const describe = (node: SchemaNode): string => {
    if (typeof node.description === "string") return node.description;
    const n = resolve(node);
    return typeof n.description === "string" ? n.description : "";
  };

  /** Notes on combined requirements (exactly one of, not together, depends on). */
  function notes(node: SchemaNode): string[] {
    const out: string[] = [];
    const requiredOf = (b: unknown) => (isNode(b) && Array.isArray(b.required) ? b.required.map(String) : []);
    if (Array.isArray(node.oneOf) && node.oneOf.every((b) => requiredOf(b).length > 0)) {
      out.push(`Exactement un de : ${frenchList(node.oneOf.flatMap(requiredOf).map(code), "ou")}.`);
    }
    if (isNode(node.not) && requiredOf(node.not).length > 1) out.push(`${frenchList(requiredOf(node.not).map(code))} ne vont pas ensemble.`);
    if (isNode(node.dependentRequired)) {
      for (const [key, needs] of Object.entries(node.dependentRequired)) {
        if (Array.isArray(needs)) out.push(`${code(key)} demande ${frenchList(needs.map(String).map(code))}.`);
      }
    }
    return out;
  }

  function rows(node: SchemaNode, prefix = "", seen: ReadonlySet<string> = new Set()): PropertyRow[] {
    const n = resolve(node);
    const properties = isNode(n.properties) ? n.properties : {};
    const required = Array.isArray(n.required) ? n.required.map(String) : [];
    const out: PropertyRow[] = [];
    for (const [name, value] of Object.entries(properties)) {
      if (!isNode(value) || name === "$schema") continue;
      const path = `${prefix}${name}`;
      const ref = typeof value.$ref === "string" ? value.$ref : "";
      const child = resolve(value);
      const childNotes = isNode(child.properties) ? notes(child) : [];
      out.push({ path, required: required.includes(name), type: typeText(value), description: [describe(value), ...childNotes].filter(Boolean).join(" ") });
      if (ref && (seen.has(ref) || ref === "#")) continue;
      const next = ref ? new Set([...seen, ref]) : seen;
      const itemsRef = isNode(child.items) && typeof child.items.$ref === "string" ? child.items.$ref : "";
      const items = child.type === "array" && isNode(child.items) && !seen.has(itemsRef) ? resolve(child.items) : undefined;
      if (isNode(child.properties)) out.push(...rows(child, `${path}.`, next));
      else if (items && isNode(items.properties)) out.push(...rows(items, `${path}[].`, next));
      else if (isNode(child.additionalProperties) && isNode(resolve(child.additionalProperties).properties)) {
        out.push(...rows(child.additionalProperties, `${path}.<nom>.`, next));
      }
    }
    return out;
  }

  return { resolve, typeText: (node) => typeText(node), describe, alternative: (node) => shape(node, new Set(), true), notes: (node) => notes(resolve(node)), rows: (node, prefix = "", stop = []) => rows(node, prefix, new Set(stop)) };
}

/** The rows as a Markdown table: field, required, type, description. */
export function propertyTable(rows: PropertyRow[]): string {
  return table(["Champ", "Obligatoire", "Type", "Description"], rows.map((r) => [code(r.path), r.required ? "oui" : "", r.type, r.description]));
}
