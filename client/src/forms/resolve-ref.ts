/**
 * A schema with its local `$ref` ("#/$defs/facility") replaced by what it
 * points at, the referring schema's own keywords (title…) taking precedence.
 */
type Json = Record<string, unknown>;

export function resolveRef<S extends Json | undefined>(schema: S, root: Json): S {
  const ref = schema?.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema;
  const segments = ref.slice(2).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const target = segments.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], root);
  if (!target || typeof target !== "object") return schema;
  const { $ref: _ref, ...own } = schema as Json;
  return { ...(target as Json), ...own } as S;
}
