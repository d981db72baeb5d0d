/**
 * Opens the database: SQLite (better-sqlite3, WAL) in a file by default,
 * PostgreSQL (pg) when a postgres:// URL is given; runs the migrations.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { migrationProvider } from "./migrations";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";
export type Db = { kysely: Kysely<Database>; dialect: Dialect; close(): Promise<void> };

export type DatabaseOptions = {
  /** postgres://… for PostgreSQL; otherwise a SQLite file path (":memory:" allowed). */
  url?: string;
  /** PostgreSQL schema to use (tests isolate themselves with one). */
  schema?: string;
  poolSize?: number;
};

export const DEFAULT_SQLITE_PATH = resolve(process.env.GUICHET_DATA_DIR ?? "data", "guichet.sqlite");

export async function openDatabase(options: DatabaseOptions = {}): Promise<Db> {
  const url = options.url ?? process.env.DATABASE_URL ?? DEFAULT_SQLITE_PATH;
  let db: Db;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    db = { kysely, dialect: "postgres", close: () => kysely.destroy() };
  } else {
    if (url !== ":memory:") mkdirSync(dirname(resolve(url)), { recursive: true });
    const sqlite = new SQLite(url);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    db = { kysely, dialect: "sqlite", close: () => kysely.destroy() };
  }
  // With a schema of its own, the migration tables live there too (otherwise Kysely looks them up in any schema).
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider(db.dialect), ...(options.schema && db.dialect === "postgres" ? { migrationTableSchema: options.schema } : {}) });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.close();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return db;
}

/** Throws when the database does not answer a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}
