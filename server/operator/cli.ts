/**
 * `npm run operator -- <commande>`: the operators' tool, the documented way
 * to bootstrap a production instance (territories, their first admins) since
 * Guichet has no web super-admin. It opens the database like the server does
 * (DATABASE_URL, or the default SQLite file; migrations run; GUICHET_DB_SCHEMA
 * picks a PostgreSQL schema) and never starts the HTTP server.
 */
import { OperatorError } from "./operator-error";
import type { CommandContext } from "./territory-commands";
import { USAGE } from "./usage";

type Command = (context: CommandContext) => Promise<void>;
// Loaded on demand: `help` needs no database driver, `territory:*` no mail transport.
const COMMANDS: Record<string, () => Promise<Command>> = {
  "territory:create": async () => (await import("./territory-commands")).createTerritoryCommand,
  "territory:list": async () => (await import("./territory-commands")).listTerritoriesCommand,
  "admin:invite": async () => (await import("./invite-command")).inviteCommand,
  "outbox:status": async () => (await import("./outbox-command")).outboxStatusCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`Commande inconnue : « ${name} ».\n`);
    console.error(USAGE);
    return 2;
  }
  const command = await load();
  const { openDatabase } = await import("../store/database");
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
