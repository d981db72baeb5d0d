/**
 * `npm run operator` as an operator runs it: the real CLI in a child process
 * over a fresh SQLite file (GUICHET_DATA_DIR) and, when TEST_DATABASE_URL is
 * set, over a fresh PostgreSQL schema (DATABASE_URL + GUICHET_DB_SCHEMA),
 * its email delivered to a real SMTP server on loopback (or to .eml files
 * without SMTP_URL). The printed link is then accepted through
 * `auth.acceptInvitation`.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createAuth } from "../../server/auth/accounts";
import { sha256 } from "../../server/auth/email-tokens";
import { openDatabase, type Db } from "../../server/store/database";
import { recipientsOf, startMailbox } from "../helpers/mailbox";
import { REPO } from "../helpers/packages";

const run = promisify(execFile);
/** Each run starts tsx (about 1.5 s of CPU); on a loaded machine a test of several runs needs more than the default 30 s. */
const SLOW = 120_000;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

type Result = { code: number; stdout: string; stderr: string };
type Target = { name: string; env: Record<string, string>; origin: string; dataDir?: string; open(): Promise<Db> };

function operator(target: Target, ...args: string[]): Promise<Result> {
  return operatorWith(target, {}, ...args);
}

function operatorWith(target: Target, extra: Record<string, string>, ...args: string[]): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test" };
  for (const name of ["DATABASE_URL", "GUICHET_DB_SCHEMA", "PUBLIC_ORIGIN", "SMTP_URL", "MAIL_FROM"]) delete env[name];
  Object.assign(env, target.env, extra);
  return run(process.execPath, ["--import", "tsx", join(REPO, "server/operator/cli.ts"), ...args], { cwd: REPO, env })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), "guichet-operator-"));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return { name: "sqlite", env: { GUICHET_DATA_DIR: dir }, dataDir: dir, origin: "http://localhost:3000", open: () => openDatabase({ url: join(dir, "guichet.sqlite") }) };
}

function postgresTarget(url: string): Target {
  const schema = `op_${randomBytes(6).toString("hex")}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(query);
    await client.end();
  };
  cleanups.push(() => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  return {
    name: "postgres", env: { DATABASE_URL: url, GUICHET_DB_SCHEMA: schema, PUBLIC_ORIGIN: "https://guichet.cantal.test" }, origin: "https://guichet.cantal.test",
    open: async () => {
      await admin(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      return openDatabase({ url, schema, poolSize: 2 });
    },
  };
}

const targets = [sqliteTarget(), ...(process.env.TEST_DATABASE_URL ? [postgresTarget(process.env.TEST_DATABASE_URL)] : [])];

describe.each(targets)("npm run operator ($name)", (target) => {
  it("creates a territory once, invites its first admin, who accepts the printed link", { timeout: SLOW }, async () => {
    const db = await target.open(); // creates the PostgreSQL schema; the CLI migrates it
    cleanups.push(() => db.close());
    const mailbox = await startMailbox({ failFor: (rcpt) => (rcpt === "inconnu@cantal.fr" ? 550 : undefined) });
    cleanups.push(() => mailbox.close());
    const smtp = { SMTP_URL: mailbox.url, MAIL_FROM: "Guichet du Cantal <guichet@cantal.test>" };

    const created = await operator(target, "territory:create", "15", "Cantal");
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toContain("Territoire 15 « Cantal » créé.");
    const duplicate = await operator(target, "territory:create", "15", "Cantal bis");
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("Erreur : Le territoire 15 existe déjà (« Cantal ») ; rien n'a été modifié.");
    expect(await db.kysely.selectFrom("territories").selectAll().execute()).toEqual([expect.objectContaining({ code: "15", name: "Cantal" })]);

    const invited = await operatorWith(target, smtp, "admin:invite", "--territory", "15", "--email", " Admin@Cantal.FR ", "--name", "Marie Dupont");
    expect(invited.stderr).toBe("");
    expect(invited.code).toBe(0);
    const escaped = target.origin.replace(/[.:/]/g, "\\$&");
    const token = new RegExp(`^  ${escaped}/invitation#([A-Za-z0-9_-]{43})$`, "m").exec(invited.stdout)?.[1];
    expect(token, invited.stdout).toBeDefined();
    expect(invited.stdout).toContain("Invitation créée pour admin@cantal.fr (rôle admin, territoire 15 « Cantal »)");
    expect(invited.stdout).toContain(`Courriel d'invitation remis pour admin@cantal.fr (courriels envoyés par SMTP à 127.0.0.1:${mailbox.port}).`);
    const mail = await mailbox.waitFor((m) => recipientsOf(m).includes("admin@cantal.fr"));
    expect(mail.subject).toBe("Invitation à rejoindre Guichet (Cantal)");
    expect(mail.from?.text).toContain("guichet@cantal.test");
    expect(mail.text).toContain("Bonjour Marie Dupont,");
    expect(mailbox.linkIn(mail)).toBe(`${target.origin}/invitation#${token}`);

    const invitations = await db.kysely.selectFrom("invitations").selectAll().execute();
    expect(invitations).toEqual([expect.objectContaining({ id: sha256(token!), email: "admin@cantal.fr", role: "admin", territory_code: "15", organisation_id: null, used_at: null, revoked_at: null })]);
    const ttl = Date.parse(invitations[0]!.expires_at) - Date.parse(invitations[0]!.created_at);
    expect(ttl).toBe(7 * 86_400_000);
    expect(JSON.stringify(invitations)).not.toContain(token!);
    const outbox = await db.kysely.selectFrom("outbox").selectAll().execute();
    expect(outbox).toEqual([expect.objectContaining({ channel: "email", kind: "invitation", recipient: "admin@cantal.fr", status: "sent" })]);

    const auth = createAuth({ db, clock: () => new Date() });
    const session = await auth.acceptInvitation(token!, "Marie Dupont", "un mot de passe assez long");
    expect(session.account).toMatchObject({ email: "admin@cantal.fr", role: "admin", territoryCode: "15", organisationId: null });

    const [again, refused] = await Promise.all([
      operator(target, "admin:invite", "--territory", "15", "--email", "admin@cantal.fr"),
      operatorWith(target, smtp, "admin:invite", "--territory", "15", "--email", "inconnu@cantal.fr", "--role", "committee"),
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Erreur : Un compte existe déjà pour admin@cantal.fr (rôle admin, territoire 15, actif) ; aucune invitation créée.");
    expect(await db.kysely.selectFrom("invitations").select("email").execute()).toEqual(expect.arrayContaining([{ email: "admin@cantal.fr" }, { email: "inconnu@cantal.fr" }]));
    expect(refused.code).toBe(0);
    expect(refused.stdout).toMatch(/Le courriel n'a pas pu être remis \(refus définitif : .*550.*\) : transmettez le lien vous-même\./);
    const [status, listed] = await Promise.all([operator(target, "outbox:status"), operator(target, "territory:list")]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/en attente\s+0\n/);
    expect(status.stdout).toMatch(/envoyés\s+1\n/);
    expect(status.stdout).toMatch(/en échec définitif\s+1\n/);
    expect(status.stdout).toMatch(/Derniers échecs \(1\) :\n.*inconnu@cantal\.fr\s+invitation\s+1 tentative\(s\), abandonné : refus définitif : .*550/);

    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^15\s+Cantal\s+1\s+1\s+\d{4}-\d{2}-\d{2}$/m);
  });
});

describe("npm run operator refusals and help (sqlite)", () => {
  const target = sqliteTarget();

  it("refuses what it cannot do, in French, with a non-zero exit status", { timeout: SLOW }, async () => {
    expect((await operator(target, "territory:create", "2b", "Haute-Corse")).stdout).toContain("Territoire 2B « Haute-Corse » créé.");
    const [badCode, unknownTerritory, badEmail, badRole, noEmail, badOption, unknown, help] = await Promise.all([
      operator(target, "territory:create", "20", "Corse"),
      operator(target, "admin:invite", "--territory", "15", "--email", "admin@cantal.fr"),
      operator(target, "admin:invite", "--territory", "2B", "--email", "pas-une-adresse"),
      operator(target, "admin:invite", "--territory", "2B", "--email", "a@corse.fr", "--role", "manager"),
      operator(target, "admin:invite", "--territory", "2B"),
      operator(target, "admin:invite", "--territory", "2B", "--email", "a@corse.fr", "--admin"),
      operator(target, "territory:delete", "2B"),
      operator(target, "help"),
    ]);
    expect(badCode).toMatchObject({ code: 1, stderr: expect.stringContaining("Code de territoire invalide : « 20 »") });
    expect(unknownTerritory).toMatchObject({ code: 1, stderr: expect.stringContaining("Territoire inconnu : 15. Créez-le d'abord") });
    expect(badEmail).toMatchObject({ code: 1, stderr: expect.stringContaining("Adresse électronique invalide : « pas-une-adresse ».") });
    expect(badRole).toMatchObject({ code: 1, stderr: expect.stringContaining("Rôle inconnu : « manager ». Rôles possibles : admin, instructor, committee.") });
    expect(noEmail).toMatchObject({ code: 2, stderr: expect.stringContaining("Indiquez l'adresse électronique avec --email <adresse>.") });
    expect(badOption).toMatchObject({ code: 2, stderr: expect.stringContaining("Option inconnue : --admin.") });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Commande inconnue : « territory:delete ».");
    expect(unknown.stderr).toContain("Usage : npm run operator -- <commande> [options]");
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining("admin:invite") });

    const db = await target.open();
    cleanups.push(() => db.close());
    expect(await db.kysely.selectFrom("territories").select("code").execute()).toEqual([{ code: "2B" }]);
    expect(await db.kysely.selectFrom("invitations").select("id").execute()).toEqual([]);
    expect(await db.kysely.selectFrom("outbox").select("id").execute()).toEqual([]);
  });

  it("a new invitation replaces the pending one; without SMTP_URL the email is an .eml file", { timeout: SLOW }, async () => {
    const first = await operator(target, "admin:invite", "--territory", "2B", "--email", "admin@corse.fr", "--role", "instructor");
    const second = await operator(target, "admin:invite", "--territory", "2B", "--email", "admin@corse.fr");
    expect(second.stdout).toContain("L'invitation précédente de cette adresse est annulée : seul ce nouveau lien fonctionne.");
    expect(second.stdout).toMatch(/Courriel d'invitation remis pour admin@corse\.fr \(courriels écrits dans .*mail\)\./);
    const tokenOf = (r: Result) => /invitation#([A-Za-z0-9_-]{43})/.exec(r.stdout)![1]!;
    const db = await target.open();
    cleanups.push(() => db.close());
    const rows = await db.kysely.selectFrom("invitations").select(["id", "role", "revoked_at"]).execute();
    expect(rows).toEqual(expect.arrayContaining([
      { id: sha256(tokenOf(first)), role: "instructor", revoked_at: expect.any(String) },
      { id: sha256(tokenOf(second)), role: "admin", revoked_at: null },
    ]));
    const outbox = await db.kysely.selectFrom("outbox").select(["id", "status"]).orderBy("id").execute();
    expect(outbox.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(readdirSync(join(target.dataDir!, "mail")).sort()).toEqual(outbox.map((r) => `${r.id}.eml`));
    const auth = createAuth({ db, clock: () => new Date() });
    await expect(auth.acceptInvitation(tokenOf(first), "Ancien lien", "un mot de passe assez long")).rejects.toThrow(/n'existe pas, a expiré ou a déjà servi/);
    const listed = await operator(target, "territory:list");
    expect(listed.stdout).toMatch(/^2B\s+Haute-Corse\s+0\s+1\s/m);
  });
});
