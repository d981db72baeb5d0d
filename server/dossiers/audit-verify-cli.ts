/**
 * `npm run audit:verify`: checks every dossier's audit chain in the database
 * (DATABASE_URL, or the embedded SQLite file) and names the first broken link
 * of each broken chain. Exit status 1 when any chain is broken.
 */
import { openDatabase } from "../store/database";
import { verifyAudit } from "./verify-audit";

const db = await openDatabase(process.argv[2] ? { url: process.argv[2] } : {});
try {
  const report = await verifyAudit(db.kysely);
  for (const link of report.broken) console.error(`dossier ${link.dossierId} › événement n° ${link.seq} › ${link.reason}`);
  console.log(`${report.dossiers} dossiers, ${report.events} événements vérifiés, ${report.broken.length} chaîne${report.broken.length > 1 ? "s" : ""} rompue${report.broken.length > 1 ? "s" : ""}.`);
  process.exitCode = report.broken.length > 0 ? 1 : 0;
} finally {
  await db.close();
}
