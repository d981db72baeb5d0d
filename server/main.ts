/**
 * `npm start`: opens the database (SQLite file under ./data by default,
 * PostgreSQL when DATABASE_URL is set) and runs its migrations, publishes the
 * embedded default procedure package (a package with any problem never starts
 * the server) and, outside production, migrates the open dossiers of its earlier
 * versions when it changed (printing the report), creates demo accounts and dossiers on the first run of the
 * embedded default (never in production), starts the timer scheduler and the
 * outbox's mail sender (SMTP_URL, else .eml files under ./data/mail), serves
 * the API on PORT, and shuts down gracefully on SIGINT/SIGTERM. Emailed links
 * lead to PUBLIC_ORIGIN — required in production — else to http://localhost:PORT.
 */
import { serve } from "@hono/node-server";
import pino from "pino";
import { createAuth } from "./auth/accounts";
import { proConnectConfigFromEnv } from "./auth/proconnect-config";
import { DEFAULT_PACKAGE_DIR } from "./config/default-package";
import { formatProblem, PackageError } from "./config/problems";
import { isProduction } from "./config/production";
import { readPackageDir } from "./config/read-package-dir";
import { seedDemo } from "./demo/seed-demo";
import { createEngine } from "./dossiers/engine";
import { migrateOnStart } from "./dossiers/migrate-on-start";
import { createApp } from "./http/app";
import { linkOriginsFromEnv } from "./http/public-origin";
import { mailSenderFromEnv } from "./mail/sender";
import { bootstrapHint } from "./operator/bootstrap-hint";
import { DEFAULT_SQLITE_PATH, openDatabase } from "./store/database";

const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const production = isProduction();
// GUICHET_NOW (never in production) starts the clock at another date, to try a call whose deadline has passed.
const startedAt = Date.now();
const fakeNow = !production && process.env.GUICHET_NOW ? Date.parse(process.env.GUICHET_NOW) : Number.NaN;
if (process.env.GUICHET_NOW && Number.isNaN(fakeNow)) {
  console.error(`GUICHET_NOW n'est pas une date ISO 8601 valide : ${process.env.GUICHET_NOW}`);
  process.exit(1);
}
const clock = Number.isNaN(fakeNow) ? () => new Date() : () => new Date(fakeNow + (Date.now() - startedAt));

const port = Number(process.env.PORT ?? 3000);
let proconnect;
let origins;
try {
  origins = linkOriginsFromEnv(process.env, { production, port });
  proconnect = proConnectConfigFromEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const db = await openDatabase();
const engine = createEngine({ db, clock });
const auth = createAuth({ db, clock });

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
await engine.reindexFilters();
for (const line of (await migrateOnStart(engine, db, published, production)).lines) console.log(line);
const procedure = await engine.registry.get(published.versionId);
const demo = production ? null : await seedDemo(db, auth, engine, procedure);
const noAdminHint = production ? await bootstrapHint(db) : null;

const scheduler = engine.startScheduler(Number(process.env.TIMER_INTERVAL_MS ?? 30_000));
const mailSender = mailSenderFromEnv({ db, clock, logger, production });
const mailLoop = mailSender.start(Number(process.env.MAIL_INTERVAL_MS ?? 5000));
const app = createApp({
  engine, auth, db, logger,
  secureCookies: process.env.COOKIE_SECURE === "true" || process.env.NODE_ENV === "production",
  trustProxy: process.env.TRUST_PROXY === "true",
  ...origins,
  ...(proconnect ? { proconnect } : {}),
});
const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? "127.0.0.1" }, (info) => {
  const url = `http://localhost:${info.port}`;
  console.log(`\nGuichet écoute sur ${url}  (API : ${url}/api/docs)`);
  console.log(`Procédure « ${procedure.title} » — version ${procedure.hash.slice(0, 12)} ; base : ${db.dialect === "sqlite" ? DEFAULT_SQLITE_PATH : "PostgreSQL"}.`);
  console.log(`${mailSender.description.replace(/^./, (c) => c.toUpperCase())}.`);
  if (mailSender.warning) console.warn(`\n${mailSender.warning}\n`);
  if (proconnect) console.log(`ProConnect activé (${proconnect.issuer}) ; adresse de retour déclarée : ${proconnect.redirectUri}.`);
  if (!Number.isNaN(fakeNow)) console.log(`Horloge décalée (GUICHET_NOW) : il est ${clock().toLocaleString("fr-FR", { timeZone: procedure.pkg.manifest.timeZone })} pour Guichet.`);
  if (noAdminHint) console.log(`\n${noAdminHint}\n`);
  if (demo) {
    console.log("\nComptes de démonstration (mots de passe affichés une seule fois) :");
    for (const a of demo) console.log(`  ${a.role.padEnd(10)} ${a.email.padEnd(34)} ${a.password}`);
    console.log("");
  }
});

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info("arrêt : fin des requêtes en cours");
  setTimeout(() => process.exit(1), 10_000).unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await scheduler.stop();
  await mailLoop.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
