/**
 * A real Guichet for the browser suite: the client built by Vite into a
 * temporary folder, the HTTP app listening on a free port over a fresh SQLite
 * database with the default package, one account per role with a known
 * password, and a clock the test moves (the call closes on 11 September 2026);
 * an SMTP mailbox receives what the outbox's sender delivers every ~200 ms.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import pino from "pino";
import { createAuth } from "../../server/auth/accounts";
import { createApp } from "../../server/http/app";
import { createMailSender } from "../../server/mail/sender";
import type { ProConnectConfig } from "../../server/auth/proconnect-config";
import { DATABASES } from "../helpers/databases";
import { movableClock, setupEngine } from "../helpers/engine-setup";
import { startMailbox, type MailboxOptions } from "../helpers/mailbox";
import { REPO } from "../helpers/packages";

export const PASSWORD = "mot-de-passe-du-navigateur";
export const PEOPLE = {
  manager: { email: "gestion@thiers.test", name: "Gaëlle Gestion", role: "manager" },
  instructor: { email: "instruction@caf63.test", name: "Inès Instruction", role: "instructor" },
  committee: { email: "comite@avip63.test", name: "Camille Comité", role: "committee" },
  admin: { email: "admin@cd63.test", name: "Alix Admin", role: "admin" },
} as const;

/** Builds the client once into a temporary folder (the same build as `npm run build`). */
export function buildClient(): string {
  const outDir = mkdtempSync(join(tmpdir(), "guichet-client-"));
  execFileSync("npm", ["run", "build", "--", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], { cwd: REPO, stdio: "pipe" });
  return outDir;
}

export type GuichetOptions = {
  mailbox?: MailboxOptions;
  mailIntervalMs?: number;
  /** When given, receives Guichet's URL (known once listening) and returns the provider's configuration. */
  proconnect?: (guichetUrl: string) => Promise<ProConnectConfig>;
};

export async function startGuichet(clientDir: string, options: GuichetOptions = {}) {
  const database = await DATABASES[0]!.create();
  const clock = movableClock("2026-06-01T08:00:00Z");
  const setup = await setupEngine(database.db, { clock });
  const auth = createAuth({ db: database.db, clock: clock.fn, maxLoginsPerIpPerWindow: 1000 });
  for (const p of Object.values(PEOPLE)) {
    await auth.createAccount({ email: p.email, displayName: p.name, password: PASSWORD, role: p.role, territoryCode: "63", organisationId: p.role === "manager" ? setup.orgA.id : null });
  }
  let app: ReturnType<typeof createApp> | undefined;
  const server = serve({ fetch: (request, env) => app!.fetch(request, env), port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mailbox = await startMailbox(options.mailbox);
  const mailLoop = createMailSender({ db: database.db, clock: clock.fn, transport: { kind: "smtp", url: mailbox.url }, logger: pino({ level: "error" }) })
    .start(options.mailIntervalMs ?? 200);
  const proconnect = options.proconnect ? await options.proconnect(url) : undefined;
  // The links emailed to the people of the browser tests lead to this Guichet (never to the Host a request names).
  app = createApp({ engine: setup.engine, auth, db: database.db, logger: pino({ level: "silent" }), clientDir, listenOrigin: url, ...(proconnect ? { proconnect } : {}) });
  return {
    url, clock, setup, mailbox,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mailLoop.stop();
      await mailbox.close();
      await database.cleanup();
      rmSync(clientDir, { recursive: true, force: true });
    },
  };
}
