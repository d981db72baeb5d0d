/**
 * Where the embedded procedure packages live, and which one is the default:
 * schemas/procedures/index.json says so, so that the code names no procedure.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROCEDURES_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "schemas/procedures");

function defaultPackageId(): string {
  const index = JSON.parse(readFileSync(join(PROCEDURES_DIR, "index.json"), "utf8")) as { default?: unknown };
  if (typeof index.default !== "string" || !/^[a-z0-9-]+$/.test(index.default)) {
    throw new Error("schemas/procedures/index.json › /default › identifiant de procédure attendu");
  }
  return index.default;
}

export const DEFAULT_PACKAGE_DIR = join(PROCEDURES_DIR, defaultPackageId());
