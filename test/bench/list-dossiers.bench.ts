/**
 * `npm run bench`: how listing dossiers scales. Measures the engine's list
 * operation (page + counts per state) on 1 000 dossiers (the baseline) and on
 * 100 000, on SQLite and, when TEST_DATABASE_URL is set, PostgreSQL; prints
 * medians and the ratio to the baseline measured in the same run.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { readPackageDir } from "../../server/config/read-package-dir";
import { uuidv7 } from "../../server/dossiers/context";
import { createEngine } from "../../server/dossiers/engine";
import type { Actor } from "../../server/engine/decide-transition";
import { openDatabase, type Db } from "../../server/store/database";
import { countByState, listDossierRows } from "../../server/store/dossier-store";
import { DEFAULT_PACKAGE_DIR } from "../helpers/packages";

const STATES = ["draft", "submitted", "under_review", "awaiting_complements", "in_committee", "labelled.year_running", "renewed.year_running", "withdrawn", "refused"];
const TOWNS = ["Thiers", "Issoire", "Riom", "Ambert", "Clermont-Ferrand", "Cébazat", "Aubière", "Billom", "Brioude", "Volvic"];
const BASELINE = 1_000;
const TARGET = Number(process.env.BENCH_DOSSIERS ?? 100_000);
const RUNS = 25;

async function fill(db: Db, versionId: string, orgs: string[], from: number, to: number): Promise<void> {
  const now = new Date("2026-06-01T00:00:00Z").toISOString();
  for (let start = from; start < to; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(to, start + 500); i++) {
      const town = TOWNS[i % TOWNS.length]!;
      rows.push({
        id: uuidv7(Date.parse(now) + i), procedure_id: "avip-puy-de-dome", version_id: versionId, organisation_id: orgs[i % orgs.length]!,
        state: STATES[i % STATES.length]!, is_open: 1, data: JSON.stringify({ facilities: [{ name: `Crèche ${i}`, town }] }), facts: "{}", computed: "{}",
        rule_results: "[]", search_text: `creche ${i} • ${town.toLowerCase()} • gestionnaire ${i % 97}`, version: 1, created_at: now, updated_at: now, submitted_at: null,
      });
    }
    await db.kysely.insertInto("dossiers").values(rows).execute();
  }
  // Bulk-loaded rows bypass the engine: rebuild the state counters it keeps in step.
  await db.kysely.deleteFrom("dossier_counts").execute();
  await db.kysely.insertInto("dossier_counts").columns(["procedure_id", "organisation_id", "state", "n"])
    .expression((eb) => eb.selectFrom("dossiers").select(["procedure_id", "organisation_id", "state", (e) => e.fn.countAll<number>().as("n")]).groupBy(["procedure_id", "organisation_id", "state"]))
    .execute();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

async function measure(name: string, db: Db): Promise<void> {
  const engine = createEngine({ db });
  const { versionId, procedureId } = await engine.publish(await readPackageDir(DEFAULT_PACKAGE_DIR));
  const orgs: string[] = [];
  for (let i = 0; i < 200; i++) orgs.push((await engine.createOrganisation({ name: `Organisation ${i}`, territoryCode: "63" })).id);
  const instructor: Actor = { id: "bench", role: "instructor", territoryCode: "63" };
  const manager: Actor = { id: "bench-m", role: "manager", organisationId: orgs[7]! };
  let deepCursor = "";
  const queries: Array<[string, () => Promise<unknown>]> = [
    ["page only (store), by state", () => listDossierRows(db.kysely, db.dialect, { procedureId, states: ["under_review"] }, 21)],
    ["page only (store), deep cursor", () => listDossierRows(db.kysely, db.dialect, { procedureId }, 21, deepCursor)],
    ["counts per state only (store)", () => countByState(db.kysely, db.dialect, { procedureId })],
    ["first page, whole procedure", () => engine.list({ procedureId, limit: 20 }, instructor)],
    ["page filtered by state", () => engine.list({ procedureId, state: "under_review", limit: 20 }, instructor)],
    ["parent state (labelled.*)", () => engine.list({ procedureId, state: "labelled", limit: 20 }, instructor)],
    ["manager's organisation", () => engine.list({ limit: 20 }, manager)],
    ["deep page via keyset cursor", () => engine.list({ procedureId, limit: 20, after: deepCursor }, instructor)],
    ["text search (scan)", () => engine.list({ procedureId, text: "issoire", limit: 20 }, instructor)],
  ];
  const results = new Map<string, number[]>();
  let filled = 0;
  for (const size of [BASELINE, TARGET]) {
    const t0 = performance.now();
    await fill(db, versionId, orgs, filled, size);
    filled = size;
    const fillMs = performance.now() - t0;
    const page = await db.kysely.selectFrom("dossiers").select("id").orderBy("id", "desc").offset(Math.floor(size / 2)).limit(1).executeTakeFirstOrThrow();
    deepCursor = page.id;
    for (const [label, fn] of queries) results.set(label, [...(results.get(label) ?? []), await time(fn)]);
    console.log(`  ${name}: ${size.toLocaleString("fr-FR")} dossiers insérés (${(fillMs / 1000).toFixed(1)} s)`);
  }
  console.log(`\n${name} — médiane de ${RUNS} appels de la liste (page de 20 + comptes par état)`);
  console.log(`  ${"requête".padEnd(32)} ${`${BASELINE} (ms)`.padStart(12)} ${`${TARGET} (ms)`.padStart(14)} ${"ratio".padStart(8)}`);
  for (const [label, [base, big]] of results) {
    console.log(`  ${label.padEnd(32)} ${base!.toFixed(2).padStart(12)} ${big!.toFixed(2).padStart(14)} ${(big! / base!).toFixed(1).padStart(8)}`);
  }
}

const dir = mkdtempSync(join(tmpdir(), "guichet-bench-"));
try {
  const sqlite = await openDatabase({ url: join(dir, "bench.sqlite") });
  await measure("SQLite", sqlite);
  await sqlite.close();
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const postgres = await openDatabase({ url, schema });
    try {
      await measure("PostgreSQL", postgres);
    } finally {
      await postgres.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  } else {
    console.log("\nPostgreSQL non mesuré (TEST_DATABASE_URL absent).");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
