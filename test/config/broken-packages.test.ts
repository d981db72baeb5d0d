import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackageDir } from "../../server/config/read-package-dir";
import { formatProblem } from "../../server/config/problems";
import { REPO, brokenFixtures, materialize, type BrokenFixture } from "../helpers/packages";

const run = promisify(execFile);
const fixtures = await brokenFixtures();
const dirs = new Map<string, string>();

beforeAll(async () => {
  for (const fixture of fixtures) dirs.set(fixture.name, await materialize(fixture));
});
afterAll(async () => {
  await Promise.all([...dirs.values()].map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the loader refuses broken packages with file › pointer › message", () => {
  it("has at least ten broken fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it.each(fixtures.map((f) => [f.name, f] as [string, BrokenFixture]))("%s", async (_name, fixture) => {
    const result = await loadPackageDir(dirs.get(fixture.name)!);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const expected of fixture.expect) {
      const match = result.problems.find((p) => p.file === expected.file && p.pointer === expected.pointer && p.message.includes(expected.message));
      expect(match, `expected ${expected.file} › ${expected.pointer} › …${expected.message}… among:\n${result.problems.map(formatProblem).join("\n")}`).toBeDefined();
    }
  });
});

describe("npm run config:check", () => {
  const cli = (dir?: string) =>
    run(process.execPath, ["--import", "tsx", join(REPO, "server/config/check-cli.ts"), ...(dir ? [dir] : [])], { cwd: REPO })
      .then((r) => ({ code: 0, out: r.stdout + r.stderr }))
      .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }));

  it("exits 0 on the default package", async () => {
    const { code, out } = await cli();
    expect(code).toBe(0);
    expect(out).toMatch(/valide/);
  });

  it("exits non-zero on every broken fixture and prints file › pointer › message", async () => {
    const results = await Promise.all(fixtures.map(async (f) => ({ f, ...(await cli(dirs.get(f.name)!)) })));
    for (const { f, code, out } of results) {
      expect(code, f.name).not.toBe(0);
      const first = f.expect[0]!;
      expect(out, f.name).toContain(`${first.file} › ${first.pointer} › `);
    }
  });
});
