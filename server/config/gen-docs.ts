/**
 * `npm run docs`: writes docs/FORMAT.md, the format reference generated from
 * the code's registries and the meta-schemas. A test regenerates it in
 * memory and fails when the file on disk is stale.
 */
import { readFileSync, readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GUARDS } from "../../workflows/guards";
import { createAjv } from "../engine/ajv";
import { CUSTOM_FORMATS } from "../engine/formats";
import { operatorDocs, renderFormatReference, type ReferenceSources } from "./format-reference";
import { ENGINE_FIELDS } from "./package-scope";
import type { SchemaNode } from "./reference/schema-text";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const FORMAT_DOC = join(ROOT, "docs/FORMAT.md");
const META_DIR = join(ROOT, "schemas/meta");

/** The sources of the reference, read from the code and from schemas/meta/. */
export function codeSources(): ReferenceSources {
  const metaSchemas = Object.fromEntries(readdirSync(META_DIR).filter((f) => f.endsWith(".schema.json")).sort()
    .map((f) => [f, JSON.parse(readFileSync(join(META_DIR, f), "utf8")) as SchemaNode]));
  return {
    metaSchemas,
    guards: GUARDS,
    operators: operatorDocs(),
    engineFields: ENGINE_FIELDS,
    formats: Object.keys(createAjv().formats),
    customFormats: Object.keys(CUSTOM_FORMATS),
  };
}

/** The content docs/FORMAT.md must have. */
export function generateFormatDoc(): string {
  return renderFormatReference(codeSources());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await mkdir(dirname(FORMAT_DOC), { recursive: true });
  await writeFile(FORMAT_DOC, generateFormatDoc());
  console.log("docs/FORMAT.md généré.");
}
