/**
 * Test helpers: the embedded packages, and broken variants of the default
 * package written to temporary folders from the edit lists in
 * test/fixtures/broken/*.json.
 */
import { mkdtemp, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_PACKAGE_DIR } from "../../server/config/default-package";
import type { ProcedurePackage } from "../../server/config/package";
import { loadPackageDir, readPackageDir } from "../../server/config/read-package-dir";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURE_PACKAGE_DIR = join(REPO, "test/fixtures/procedures/accueil-insertion-allier");
export const BROKEN_DIR = join(REPO, "test/fixtures/broken");
export { DEFAULT_PACKAGE_DIR };

export async function loadOk(dir: string): Promise<ProcedurePackage> {
  const result = await loadPackageDir(dir);
  if (!result.ok) throw new Error(`package ${dir} failed to load:\n${JSON.stringify(result.problems, null, 2)}`);
  return result.pkg;
}

type Edit = { file: string; op: "set" | "delete" | "deleteFile" | "raw"; path?: string; value?: unknown };
export type BrokenFixture = { name: string; description: string; edits: Edit[]; expect: Array<{ file: string; pointer: string; message: string }> };

export async function brokenFixtures(): Promise<BrokenFixture[]> {
  const names = (await readdir(BROKEN_DIR)).filter((f) => f.endsWith(".json")).sort();
  return Promise.all(names.map(async (f) => ({ name: f.replace(/\.json$/, ""), ...JSON.parse(await readFile(join(BROKEN_DIR, f), "utf8")) })));
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function applyPointer(doc: unknown, path: string, op: "set" | "delete", value?: unknown): void {
  const segments = path.split("/").slice(1).map(unescape);
  const last = segments.pop()!;
  let node = doc as Record<string, unknown>;
  for (const s of segments) {
    if (!(s in node)) throw new Error(`fixture pointer ${path} does not exist (at ${s})`);
    node = node[s] as Record<string, unknown>;
  }
  if (op === "delete") delete node[last];
  else node[last] = value;
}

/** Writes the default package with the fixture's edits applied to a new temporary folder. */
export async function materialize(fixture: BrokenFixture): Promise<string> {
  const files = await readPackageDir(DEFAULT_PACKAGE_DIR);
  for (const edit of fixture.edits) {
    if (edit.op === "deleteFile") delete files[edit.file];
    else if (edit.op === "raw") files[edit.file] = String(edit.value);
    else {
      const doc = JSON.parse(files[edit.file]!);
      applyPointer(doc, edit.path!, edit.op, edit.value);
      files[edit.file] = JSON.stringify(doc, null, 2);
    }
  }
  const dir = await mkdtemp(join(tmpdir(), `guichet-${fixture.name}-`));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** The default package as it was published before issue 10 (kept to test the migration of its dossiers). */
export const PREVIOUS_DEFAULT_PACKAGE_DIR = join(REPO, "test/fixtures/procedures/avip-puy-de-dome-v1");
