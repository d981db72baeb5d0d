/**
 * Migrations over databases that already hold data (SQLite, and PostgreSQL
 * when TEST_DATABASE_URL is set): 0004 refuses organisations sharing a SIRET
 * with a French message listing them, before changing anything; 0005 gives
 * the organisations that predate owners their owners; 0006 gives the label
 * years stored before it their last day and their opening.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { Dialect } from "../../server/store/database";
import { migrationProvider } from "../../server/store/migrations";

type Raw = { kysely: Kysely<any>; migrator: Migrator; cleanup(): Promise<void> };

async function rawDatabase(dialect: Dialect): Promise<Raw> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "guichet-migrations-"));
    const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(join(dir, "m.sqlite")) }) });
    return { kysely, migrator: new Migrator({ db: kysely, provider: migrationProvider("sqlite") }), async cleanup() { await kysely.destroy(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `m_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` }) }) });
  return {
    kysely, migrator: new Migrator({ db: kysely, provider: migrationProvider("postgres"), migrationTableSchema: schema }),
    async cleanup() {
      await kysely.destroy();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

const DIALECTS: Dialect[] = ["sqlite", ...(process.env.TEST_DATABASE_URL ? ["postgres" as const] : [])];
const AT = "2026-01-01T00:00:00.000Z";

describe.each(DIALECTS)("migrations over existing data on %s", (dialect) => {
  let raw: Raw | undefined;
  afterEach(async () => { await raw?.cleanup(); raw = undefined; });

  it("stops 0004 on organisations sharing a SIRET, listing them in French, and migrates once they are fixed", async () => {
    raw = await rawDatabase(dialect);
    expect((await raw.migrator.migrateTo("0003_filter_text")).error).toBeUndefined();
    const org = (id: string, name: string, siret: string | null) => ({ id, name, siret, territory_code: "63", created_at: AT });
    await raw.kysely.insertInto("organisations").values([
      org("org-1", "Crèche Les Lutins", "20063000600019"), org("org-2", "Les Lutins (doublon)", "20063000600019"),
      org("org-3", "Sans SIRET", null), org("org-4", "Autre sans SIRET", null), org("org-5", "Unique", "12345678200010"),
    ]).execute();

    const { error } = await raw.migrator.migrateToLatest();
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^Migration 0004_people impossible : plusieurs organisations ont le même numéro SIRET/);
    expect(message).toContain("org-1 « Crèche Les Lutins » (SIRET 20063000600019)");
    expect(message).toContain("org-2 « Les Lutins (doublon) » (SIRET 20063000600019)");
    expect(message).toMatch(/Corrigez-les/);
    expect(message).not.toMatch(/org-3|org-5/);
    // Nothing of 0004 was applied: the next start, once the duplicate is fixed, runs it whole.
    const applied = (await raw.migrator.getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
    expect(applied).toEqual(["0001_initial", "0002_accounts", "0003_filter_text"]);

    await raw.kysely.updateTable("organisations").set({ siret: null }).where("id", "=", "org-2").execute();
    expect((await raw.migrator.migrateToLatest()).error).toBeUndefined();
    await expect(raw.kysely.insertInto("organisations").values(org("org-6", "Encore", "12345678200010")).execute()).rejects.toThrow();
  });

  it("0005 makes the managers of an organisation without owner its owners, and the others members", async () => {
    raw = await rawDatabase(dialect);
    expect((await raw.migrator.migrateTo("0004_people")).error).toBeUndefined();
    const org = (id: string) => ({ id, name: id, siret: null, territory_code: "63", created_at: AT, legal_status: null });
    await raw.kysely.insertInto("organisations").values([org("old"), org("owned")]).execute();
    const account = (id: string, organisation_id: string | null, organisation_role: string | null, role = "manager", status = "active") => ({
      id, email: `${id}@test.local`, display_name: id, password_hash: null, role, territory_code: "63", organisation_id, organisation_role, status, created_at: AT,
    });
    await raw.kysely.insertInto("accounts").values([
      account("old-1", "old", null), account("old-2", "old", null, "manager", "disabled"),
      account("owner", "owned", "owner"), account("unset", "owned", null),
      account("alone", null, null), account("instructor", null, null, "instructor"),
    ]).execute();

    expect((await raw.migrator.migrateToLatest()).error).toBeUndefined();
    const rows = await raw.kysely.selectFrom("accounts").select(["id", "organisation_role"]).orderBy("id").execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.organisation_role]))).toEqual({
      "old-1": "owner", "old-2": "owner", owner: "owner", unset: "member", alone: null, instructor: null,
    });
  });
  it("0006 moves each stored year's end to its last day and recovers its opening from the audit trail", async () => {
    raw = await rawDatabase(dialect);
    expect((await raw.migrator.migrateTo("0005_owners")).error).toBeUndefined();
    const manifest = { cycles: { openOn: [{ event: "GRANT", years: 1 }, { event: "RENEW", years: 2 }] } };
    await raw.kysely.insertInto("procedure_versions").values({ id: "v1", procedure_id: "p", seq: 1, files: JSON.stringify({ "manifest.json": JSON.stringify(manifest) }), published_at: AT, published_by: null }).execute();
    await raw.kysely.insertInto("organisations").values({ id: "o", name: "o", siret: null, territory_code: "63", created_at: AT, legal_status: null }).execute();
    await raw.kysely.insertInto("dossiers").values({
      id: "d", procedure_id: "p", version_id: "v1", organisation_id: "o", state: "renewed", is_open: 1, data: "{}", facts: "{}", computed: "{}", rule_results: "[]",
      search_text: "", filter_text: null, version: 5, created_at: AT, updated_at: AT, submitted_at: AT,
    }).execute();
    const event = (seq: number, name: string) => ({ dossier_id: "d", seq, at: AT, actor_id: "a", actor_role: "committee", event: name, from_state: "x", to_state: "y", input: "{}", rule_results: "[]", data_diff: "[]", prev_hash: "h", hash: `h${seq}` });
    await raw.kysely.insertInto("audit_events").values([event(1, "CREATE"), event(2, "GRANT"), event(3, "FILE_REPORT"), event(4, "RENEW")]).execute();
    const cycle = (year: number, starts: string, ends: string) => ({
      id: `c${year}`, dossier_id: "d", year_index: year, starts_on: starts, ends_on: ends, report_due_at: AT, report: null, report_filed_at: null, funding: 1, funding_formula: "f", outcome: "open",
    });
    await raw.kysely.insertInto("cycles").values([cycle(1, "2026-10-01", "2027-10-01"), cycle(2, "2027-10-01", "2028-10-01"), cycle(3, "2028-10-01", "2029-10-01")]).execute();
    await raw.kysely.insertInto("timers").values({ id: "t", dossier_id: "d", state: "renewed", event: "X", due_at: AT, status: "scheduled", created_at: AT, fired_at: null, outcome: null }).execute();

    expect((await raw.migrator.migrateToLatest()).error).toBeUndefined();
    const rows = await raw.kysely.selectFrom("cycles").select(["year_index", "opening", "ends_on", "records"]).orderBy("year_index").execute();
    expect(rows.map((r) => [r.year_index, Number(r.opening), r.ends_on, r.records])).toEqual([[1, 1, "2027-09-30", null], [2, 2, "2028-09-30", null], [3, 2, "2029-09-30", null]]);
    expect(await raw.kysely.selectFrom("timers").select(["id", "cycle_id"]).execute()).toEqual([{ id: "t", cycle_id: null }]);
  });
});
