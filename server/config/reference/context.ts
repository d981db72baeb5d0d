/**
 * What every section of the format reference works with: the sources read
 * from the code, a reader per meta-schema, and a check that a hand-written
 * example still matches its meta-schema (a stale example stops the
 * generation with a message naming it, instead of documenting a wrong format).
 */
import { createAjv } from "../../engine/ajv";
import { toFieldErrors } from "../../engine/field-errors";
import type { OperatorDoc } from "./operators";
import { schemaReader, type Reader, type SchemaNode } from "./schema-text";

export type GuardDoc = { description: string; paramsSchema: Record<string, unknown> };

/** Everything the reference is generated from. */
export type ReferenceSources = {
  /** The meta-schemas (schemas/meta/*.schema.json), by file name. */
  metaSchemas: Readonly<Record<string, SchemaNode>>;
  /** The guard registry (workflows/guards.ts). */
  guards: Readonly<Record<string, GuardDoc>>;
  /** The expression operators (server/engine/expressions.ts). */
  operators: readonly OperatorDoc[];
  /** The read-only fields the engine provides (server/config/package-scope.ts). */
  engineFields: Readonly<Record<string, readonly string[]>>;
  /** The string formats forms may use (standard and Guichet's). */
  formats: readonly string[];
  /** Guichet's own string formats (server/engine/formats.ts). */
  customFormats: readonly string[];
};

export type ReferenceContext = {
  sources: ReferenceSources;
  /** The meta-schema of a kind (`machine` → urn:guichet:meta:machine); throws when absent. */
  schema(kind: string): SchemaNode;
  reader(kind: string): Reader;
  /** Throws when `value` does not match `ref` (urn:guichet:meta:<kind>[#/pointer]). */
  check(ref: string, value: unknown, what: string): void;
  /** Whether `value` matches a schema that is not a meta-schema (a guard's params). */
  matches(schema: Record<string, unknown>, value: unknown): boolean;
};

export const metaId = (kind: string) => `urn:guichet:meta:${kind}`;

/** Names other meta-schemas by a link to their section, instead of expanding them. */
const REF_NAMES = {
  [metaId("expression")]: "[expression](#opérateurs-des-expressions)",
  [`${metaId("machine")}#/$defs/stateNode`]: "état",
  [`${metaId("machine")}#/$defs/transition`]: "[transition](#transitions)",
  [`${metaId("machine")}#/$defs/guard`]: "[garde](#gardes)",
  [`${metaId("machine")}#/$defs/timer`]: "[minuterie](#minuteries)",
};

export function referenceContext(sources: ReferenceSources): ReferenceContext {
  const set = new Map<string, SchemaNode>();
  for (const schema of Object.values(sources.metaSchemas)) {
    if (typeof schema.$id === "string") set.set(schema.$id, schema);
  }
  const ajv = createAjv();
  for (const schema of set.values()) ajv.addSchema(schema);
  const schema = (kind: string): SchemaNode => {
    const found = set.get(metaId(kind));
    if (!found) throw new Error(`méta-schéma « ${metaId(kind)} » introuvable dans schemas/meta`);
    return found;
  };
  return {
    sources,
    schema,
    reader: (kind) => schemaReader(set, schema(kind), REF_NAMES),
    matches: (schema, value) => ajv.validate(schema, value),
    check(ref, value, what) {
      const validate = ajv.compile({ $ref: ref });
      if (validate(value)) return;
      const errors = toFieldErrors(validate.errors).map((e) => `${e.pointer} ${e.message}`).join(" ; ");
      throw new Error(`docs/FORMAT.md : l'exemple « ${what} » ne respecte plus ${ref} (${errors}) : corrigez-le dans server/config/reference/prose.ts`);
    },
  };
}

/** One `##` section of the reference. */
export type Section = { title: string; body: string };
