/**
 * First run of the embedded default: one demo account per role, each able to
 * log in with its printed password, and demo dossiers in different states;
 * never twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf, createAuth } from "../../server/auth/accounts";
import { seedDemo } from "../../server/demo/seed-demo";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { createEngine } from "../../server/dossiers/engine";
import { readPackageDir } from "../../server/config/read-package-dir";
import { DEFAULT_PACKAGE_DIR } from "../helpers/packages";

let database: TestDatabase;
beforeAll(async () => { database = await DATABASES[0]!.create(); });
afterAll(async () => { await database.cleanup(); });

describe("demo data", () => {
  it("creates one account per role and dossiers in several states, once", async () => {
    const clock = () => new Date("2026-11-29T10:00:00Z");
    const engine = createEngine({ db: database.db, clock });
    const auth = createAuth({ db: database.db, clock });
    const { versionId } = await engine.publish(await readPackageDir(DEFAULT_PACKAGE_DIR));
    const procedure = await engine.registry.get(versionId);
    const accounts = await seedDemo(database.db, auth, engine, procedure);
    expect(accounts?.map((a) => a.role).sort()).toEqual(["admin", "committee", "instructor", "manager"]);
    for (const account of accounts!) {
      expect(account.password.length).toBeGreaterThanOrEqual(12);
      const session = await auth.login(account.email, account.password, "127.0.0.1");
      expect(session.account.role).toBe(account.role);
    }
    const manager = await auth.login(accounts!.find((a) => a.role === "manager")!.email, accounts!.find((a) => a.role === "manager")!.password, "127.0.0.1");
    const page = await engine.list({}, actorOf(manager.account));
    expect(page.items.map((d) => d.state).sort()).toEqual(["draft", "submitted", "withdrawn"]);
    expect(await seedDemo(database.db, auth, engine, procedure)).toBeNull();
  });
});
