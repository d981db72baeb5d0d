/**
 * `npm start`: opens the database (SQLite file under ./data by default,
 * PostgreSQL when DATABASE_URL is set) and runs its migrations, publishes the
 * embedded default procedure package (a package with any problem never starts
 * the server: its problems are printed and the process exits with status 1),
 * starts the timer scheduler, and serves the HTTP API on PORT.
 */
import { serve } from "@hono/node-server";
import { DEFAULT_PACKAGE_DIR } from "./config/default-package";
import { formatProblem, PackageError } from "./config/problems";
import { readPackageDir } from "./config/read-package-dir";
import { createEngine } from "./dossiers/engine";
import { createApp } from "./http/app";
import { DEFAULT_SQLITE_PATH, openDatabase, pingDatabase } from "./store/database";

const db = await openDatabase();
const engine = createEngine({ db });
let published;
try {
  published = await engine.publish(await readPackageDir(DEFAULT_PACKAGE_DIR), "system");
} catch (error) {
  console.error(`Le paquet de procédure ${DEFAULT_PACKAGE_DIR} est invalide ; Guichet ne démarre pas.`);
  if (error instanceof PackageError) for (const p of error.problems) console.error(formatProblem(p));
  else console.error((error as Error).message);
  await db.close();
  process.exit(1);
}
const procedure = await engine.registry.get(published.versionId);
const scheduler = engine.startScheduler(Number(process.env.TIMER_INTERVAL_MS ?? 30_000));
const port = Number(process.env.PORT ?? 3000);
const where = db.dialect === "sqlite" ? DEFAULT_SQLITE_PATH : "PostgreSQL";
const server = serve({ fetch: createApp({ procedures: [procedure], ping: () => pingDatabase(db) }).fetch, port, hostname: process.env.HOST ?? "127.0.0.1" }, (info) => {
  console.log(`Guichet écoute sur http://localhost:${info.port}/api/procedures — procédure « ${procedure.id} » (version ${procedure.hash.slice(0, 12)}${published.created ? ", publiée à l'instant" : ""}), base : ${where}.`);
});

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 10_000).unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await scheduler.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
