/**
 * Walks a JSON Schema along a path of property names, so that the loader can
 * tell whether a variable, a pointer or a timer's date names a field that
 * exists. Follows local `$ref`s and the applicators (`allOf`, `anyOf`,
 * `oneOf`, `if`/`then`/`else`), and array `items`.
 */

export type SchemaNode = { schema: unknown; root: unknown };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolveLocalRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  const parts = ref.slice(1).split("/").filter(Boolean).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: unknown = root;
  for (const part of parts) {
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** The schema itself and every sub-schema that constrains the same instance. */
export function expand(node: SchemaNode, depth = 0): SchemaNode[] {
  const { schema, root } = node;
  if (!isObject(schema) || depth > 20) return [node];
  const out: SchemaNode[] = [node];
  if (typeof schema.$ref === "string") {
    const target = resolveLocalRef(root, schema.$ref);
    if (target !== undefined) out.push(...expand({ schema: target, root }, depth + 1));
  }
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = schema[key];
    if (Array.isArray(list)) for (const sub of list) out.push(...expand({ schema: sub, root }, depth + 1));
  }
  for (const key of ["then", "else"]) {
    if (schema[key] !== undefined) out.push(...expand({ schema: schema[key], root }, depth + 1));
  }
  return out;
}

const SHAPE_KEYWORDS = ["properties", "items", "additionalProperties", "patternProperties", "type", "const", "enum", "prefixItems"];

/** True when the schema says nothing about the instance's shape (e.g. `true`, `{}`, `{ "minItems": 1 }`). */
function isOpen(schema: unknown): boolean {
  if (schema === true) return true;
  if (!isObject(schema)) return false;
  return !SHAPE_KEYWORDS.some((k) => k in schema) && !("$ref" in schema) && !("allOf" in schema) && !("anyOf" in schema) && !("oneOf" in schema);
}

/**
 * The expanded schemas that declare a shape. Branches that only add
 * constraints (a `then` with `minItems`, an `errorMessage`) are ignored; when
 * no branch declares a shape at all, the value is unconstrained.
 */
function shaped(nodes: SchemaNode[]): { open: boolean; nodes: SchemaNode[] } {
  const expanded = nodes.flatMap((n) => expand(n));
  const declared = expanded.filter((n) => isObject(n.schema) && SHAPE_KEYWORDS.some((k) => k in (n.schema as object)));
  return { open: declared.length === 0 && expanded.some((n) => isOpen(n.schema)), nodes: declared };
}

/** The sub-schemas for one step (a property name, or an array index). */
export function step(nodes: SchemaNode[], segment: string): SchemaNode[] {
  const { open, nodes: declared } = shaped(nodes);
  const root = nodes[0]?.root;
  if (open) return [{ schema: true, root }];
  const out: SchemaNode[] = [];
  for (const node of declared) {
    const schema = node.schema as Record<string, unknown>;
    const properties = schema.properties;
    if (isObject(properties) && Object.hasOwn(properties, segment)) out.push({ schema: properties[segment], root: node.root });
    if (/^\d+$/.test(segment) && schema.items !== undefined) out.push({ schema: schema.items, root: node.root });
    if (isObject(schema.additionalProperties) || schema.additionalProperties === true) {
      out.push({ schema: schema.additionalProperties, root: node.root });
    }
  }
  return out;
}

/** The sub-schemas at a path; empty when the path names no field. */
export function resolvePath(root: unknown, segments: string[]): SchemaNode[] {
  let nodes: SchemaNode[] = [{ schema: root, root }];
  for (const segment of segments) {
    nodes = step(nodes, segment);
    if (nodes.length === 0) return [];
  }
  return nodes;
}

/** The item schemas of the arrays found at `nodes`. */
export function arrayItems(nodes: SchemaNode[]): SchemaNode[] {
  const { open, nodes: declared } = shaped(nodes);
  if (open) return [{ schema: true, root: nodes[0]?.root }];
  return declared.flatMap((n) => ((n.schema as Record<string, unknown>).items !== undefined ? [{ schema: (n.schema as Record<string, unknown>).items, root: n.root }] : []));
}

/** The `format`s declared at `nodes` (e.g. "date"). */
export function formatsOf(nodes: SchemaNode[]): string[] {
  return nodes.flatMap((n) => expand(n)).flatMap((n) => (isObject(n.schema) && typeof n.schema.format === "string" ? [n.schema.format] : []));
}

/** True when every reached schema is open (no declared shape). */
export function isUnconstrained(nodes: SchemaNode[]): boolean {
  return nodes.length > 0 && shaped(nodes).open;
}

/** The sub-schemas at a path below already-resolved nodes. */
export function resolveFrom(nodes: SchemaNode[], segments: string[]): SchemaNode[] {
  let current = nodes;
  for (const segment of segments) {
    current = step(current, segment);
    if (current.length === 0) return [];
  }
  return current;
}

/** Resolves a dotted path, stepping into array items where a segment names an item field. */
export function resolveThroughArrays(schema: unknown, path: string): SchemaNode[] {
  let nodes: SchemaNode[] = [{ schema, root: schema }];
  for (const segment of path.split(".")) {
    let next = step(nodes, segment);
    if (next.length === 0) next = step(arrayItems(nodes), segment);
    if (next.length === 0) return [];
    nodes = next;
  }
  return nodes;
}
