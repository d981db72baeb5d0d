/**
 * The one rule: the engine knows nothing about a procedure. No code under
 * server/, client/ or workflows/ may name the default procedure.
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./helpers/packages";

async function codeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map(async (e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : codeFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(e.name) ? [path] : [];
  }));
  return nested.flat();
}

describe("genericity", () => {
  it("no procedure-specific word in engine code", async () => {
    const files = (await Promise.all(["server", "client", "workflows"].map((d) => codeFiles(join(REPO, d))))).flat();
    expect(files.length).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(file, "utf8");
      if (/avip|puy-de-d[oô]me|caf63|clermont/i.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
