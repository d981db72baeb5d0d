/**
 * `npm run operator -- <commande>`: the operators' tool, the documented way
 * to bootstrap a production instance (territories, their first admins) since
 * Guichet has no web super-admin. It opens the database like the server does
 * (DATABASE_URL, or the default SQLite file; migrations run; GUICHET_DB_SCHEMA
 * picks a PostgreSQL schema) and never starts the HTTP server.
 */
import { openDatabase } from "../store/database";
import { inviteCommand } from "./invite-command";
import { OperatorError } from "./operator-error";
import { outboxStatusCommand } from "./outbox-command";
import { createTerritoryCommand, listTerritoriesCommand, type CommandContext } from "./territory-commands";
import { USAGE } from "./usage";

const COMMANDS: Record<string, (context: CommandContext) => Promise<void>> = {
  "territory:create": createTerritoryCommand,
  "territory:list": listTerritoriesCommand,
  "admin:invite": inviteCommand,
  "outbox:status": outboxStatusCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Commande inconnue : « ${name} ».\n`);
    console.error(USAGE);
    return 2;
  }
  const db = await openDatabase({ poolSize: 2, ...(process.env.GUICHET_DB_SCHEMA ? { schema: process.env.GUICHET_DB_SCHEMA } : {}) });
  try {
    await command({ db, clock: () => new Date(), args, out: (line) => console.log(line) });
    return 0;
  } catch (error) {
    if (!(error instanceof OperatorError)) throw error;
    console.error(`Erreur : ${error.message}`);
    if (error.exitCode === 2) console.error(`\nAide : npm run operator -- help`);
    return error.exitCode;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`Erreur inattendue : ${(error as Error).message}`);
  process.exitCode = 1;
}
