/**
 * The databases every engine test runs on: SQLite always (a temporary file),
 * PostgreSQL when TEST_DATABASE_URL is set (a schema of its own per test
 * database, so test files can run in parallel). `reopen()` opens a second
 * connection to the same data: a restart, or another server process.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, type Db } from "../../server/store/database";

export type TestDatabase = { db: Db; reopen(): Promise<Db>; cleanup(): Promise<void> };
export type DatabaseKind = { name: "sqlite" | "postgres"; create(): Promise<TestDatabase> };

const sqliteKind: DatabaseKind = {
  name: "sqlite",
  async create() {
    const dir = mkdtempSync(join(tmpdir(), "guichet-db-"));
    const url = join(dir, "test.sqlite");
    const opened: Db[] = [await openDatabase({ url })];
    return {
      db: opened[0]!,
      async reopen() {
        const db = await openDatabase({ url });
        opened.push(db);
        return db;
      },
      async cleanup() {
        await Promise.all(opened.map((d) => d.close().catch(() => undefined)));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgresKind(url: string): DatabaseKind {
  return {
    name: "postgres",
    async create() {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const opened: Db[] = [await openDatabase({ url, schema, poolSize: 4 })];
      return {
        db: opened[0]!,
        async reopen() {
          const db = await openDatabase({ url, schema, poolSize: 4 });
          opened.push(db);
          return db;
        },
        async cleanup() {
          await Promise.all(opened.map((d) => d.close().catch(() => undefined)));
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  };
}

export const DATABASES: DatabaseKind[] = [sqliteKind, ...(process.env.TEST_DATABASE_URL ? [postgresKind(process.env.TEST_DATABASE_URL)] : [])];
