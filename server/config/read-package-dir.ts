/**
 * Reads a package folder into memory: every `.json` file below it, by path
 * relative to the folder. The loader itself never touches the disk, so an
 * uploaded package goes through exactly the same checks.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { loadPackage, type LoadResult } from "./load-package";

const MAX_FILES = 500;
const MAX_BYTES = 5 * 1024 * 1024;

export async function readPackageDir(dir: string): Promise<Record<string, string>> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`Dossier de paquet introuvable : ${dir}`);
  const files: Record<string, string> = {};
  let count = 0;
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && entry.name.endsWith(".json")) {
        if (++count > MAX_FILES) throw new Error(`Le paquet compte plus de ${MAX_FILES} fichiers JSON.`);
        if ((await stat(path)).size > MAX_BYTES) throw new Error(`Fichier trop volumineux (plus de 5 Mo) : ${path}`);
        files[relative(dir, path).split(sep).join("/")] = await readFile(path, "utf8");
      }
    }
  }
  await walk(dir);
  return files;
}

/** Reads and loads the package in `dir` (see load-package.ts). */
export async function loadPackageDir(dir: string): Promise<LoadResult> {
  return loadPackage(await readPackageDir(dir));
}
