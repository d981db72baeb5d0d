/**
 * The production start-up hint: `npm start` in production over a database
 * without any admin account says how to create one with the operators' CLI;
 * once an admin exists it says nothing.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAuth } from "../../server/auth/accounts";
import { BOOTSTRAP_HINT, bootstrapHint } from "../../server/operator/bootstrap-hint";
import { DATABASES } from "../helpers/databases";
import { REPO } from "../helpers/packages";

describe.each(DATABASES)("bootstrap hint ($name)", (kind) => {
  it("is given while no admin account exists, and not after", async () => {
    const { db, cleanup } = await kind.create();
    try {
      const auth = createAuth({ db, clock: () => new Date() });
      expect(await bootstrapHint(db)).toBe(BOOTSTRAP_HINT);
      await auth.createAccount({ email: "instruction@cantal.test", displayName: "Inès", password: "un mot de passe assez long", role: "instructor", territoryCode: "15" });
      expect(await bootstrapHint(db)).toBe(BOOTSTRAP_HINT);
      await auth.createAccount({ email: "admin@cantal.test", displayName: "Alix", password: "un mot de passe assez long", role: "admin", territoryCode: "15" });
      expect(await bootstrapHint(db)).toBeNull();
    } finally {
      await cleanup();
    }
  });
});

describe("npm start in production", () => {
  it("prints the hint when there is no admin account", { timeout: 40_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "guichet-start-"));
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PUBLIC_ORIGIN: "https://guichet.cantal.test", GUICHET_DATA_DIR: dir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", join(REPO, "server/main.ts")], { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up within 25 s:\n${output}`)), 25_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("Guichet écoute sur")) {
            clearTimeout(timer);
            setTimeout(resolve, 300); // the rest of the start-up lines, written in the same callback
          }
        };
        child.stdout.on("data", read);
        child.stderr.on("data", read);
        child.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`Guichet stopped (${code}):\n${output}`));
        });
      });
      expect(output).toContain("Guichet écoute sur");
      expect(output).toContain(`\n${BOOTSTRAP_HINT}\n`);
      expect(output).not.toContain("Comptes de démonstration");
    } finally {
      child.removeAllListeners("exit");
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
