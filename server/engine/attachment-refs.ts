/**
 * Where a form's data names attachments: every string value whose field has
 * the `attachment` format, with its JSON pointer, found by walking the data
 * along its schema (through `$ref`s, applicators and array items).
 */
import { formatsOf, step, type SchemaNode } from "../config/schema-paths";

export type AttachmentRef = { pointer: string; id: string };

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

export function attachmentRefs(schema: unknown, value: unknown): AttachmentRef[] {
  const out: AttachmentRef[] = [];
  const walk = (nodes: SchemaNode[], node: unknown, at: string) => {
    if (nodes.length === 0) return;
    if (typeof node === "string") {
      if (formatsOf(nodes).includes("attachment")) out.push({ pointer: at || "/", id: node });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(step(nodes, String(i)), item, `${at}/${i}`));
    } else if (typeof node === "object" && node !== null) {
      for (const [key, item] of Object.entries(node)) walk(step(nodes, key), item, `${at}/${escape(key)}`);
    }
  };
  walk([{ schema, root: schema }], value, "");
  return out;
}

/** Whether a form schema declares an `attachment` field anywhere (its definitions included). */
export function hasAttachmentField(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasAttachmentField);
  if (typeof schema !== "object" || schema === null) return false;
  const node = schema as Record<string, unknown>;
  return node.format === "attachment" || Object.values(node).some(hasAttachmentField);
}
