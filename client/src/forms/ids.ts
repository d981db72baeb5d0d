/** RJSF field ids ↔ JSON pointers: "/facilities/0/siret" is the field "root_facilities_0_siret". */
import type { ErrorSchema } from "@rjsf/utils";

export const ID_PREFIX = "root";

export function pointerToId(pointer: string, idPrefix = ID_PREFIX): string {
  const segments = pointer.split("/").slice(1).filter((s) => s !== "").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  return [idPrefix, ...segments].join("_");
}

/** The top-level property a pointer falls in ("/facilities/0/siret" → "facilities"). */
export function topLevel(pointer: string): string {
  return pointer.split("/")[1] ?? "";
}

/** RJSF's error schema ({ a: { 0: { b: { __errors: [...] } } } }) from pointer-addressed messages. */
export function toErrorSchema(errors: Array<{ pointer: string; message: string }>): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const { pointer, message } of errors) {
    let node = root;
    for (const segment of pointer.split("/").slice(1).filter((s) => s !== "")) {
      node = (node[segment] ??= {}) as Record<string, unknown>;
    }
    ((node.__errors ??= []) as string[]).push(message);
  }
  return root as ErrorSchema;
}
