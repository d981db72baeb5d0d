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
  const cli = (dir?: string) => cliMany(dir ? [dir] : []);
  const cliMany = (dirs: string[]) =>
    run(process.execPath, ["--import", "tsx", join(REPO, "server/config/check-cli.ts"), ...dirs], { cwd: REPO, maxBuffer: 10 * 1024 * 1024 })
      .then((r) => ({ code: 0, out: r.stdout + r.stderr }))
      .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }));

  it("exits 0 on the default package", async () => {
    const { code, out } = await cli();
    expect(code).toBe(0);
    expect(out).toMatch(/valide/);
  });

  it("exits non-zero on a broken package", async () => {
    const first = fixtures[0]!;
    const { code, out } = await cli(dirs.get(first.name)!);
    expect(code).toBe(1);
    expect(out).toContain(`${first.expect[0]!.file} › ${first.expect[0]!.pointer} › `);
  });

  it("prints file › pointer › message for every broken fixture, and fails", async () => {
    const all = fixtures.map((f) => dirs.get(f.name)!);
    const { code, out } = await cliMany(all);
    expect(code).toBe(1);
    // Each package's problems end with a "N problèmes dans <dir>" line and a blank line.
    const sections = out.split("\n\n");
    for (const fixture of fixtures) {
      const section = sections.find((part) => part.trimEnd().endsWith(`dans ${dirs.get(fixture.name)!}`));
      expect(section, fixture.name).toBeDefined();
      for (const expected of fixture.expect) expect(section!, fixture.name).toContain(`${expected.file} › ${expected.pointer} › `);
    }
  });
});
