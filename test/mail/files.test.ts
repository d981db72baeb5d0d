/**
 * Without an SMTP server, messages are written as .eml files a mail client
 * opens (parsed here like any received message), and the console shows the
 * subject and the link to follow — in production, the subject and the file only.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { enqueueEmail } from "../../server/mail/outbox";
import { createMailSender, mailSenderFromEnv } from "../../server/mail/sender";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { movableClock } from "../helpers/engine-setup";
import { memoryLogger, signupEmail } from "./mail-setup";

describe("files transport", () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => { database = await DATABASES[0]!.create(); dir = mkdtempSync(join(tmpdir(), "guichet-mail-")); });
  afterAll(async () => { await database.cleanup(); rmSync(dir, { recursive: true, force: true }); });

  it("writes a parseable .eml per message and prints its subject and link", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const { message, link } = signupEmail("x@y.fr");
    const id = await enqueueEmail(database.db.kysely, message, clock.now);
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: string) => { printed.push(line); });
    const mailDir = join(dir, "mail");
    try {
      const sender = createMailSender({ db: database.db, clock: clock.fn, transport: { kind: "files", dir: mailDir }, logger: memoryLogger() });
      expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 0 });
    } finally {
      spy.mockRestore();
    }
    expect(printed).toEqual([`Courriel pour x@y.fr — « Confirmez votre adresse électronique » — lien : ${link}`]);
    expect(readdirSync(mailDir)).toEqual([`${id}.eml`]);
    const raw = readFileSync(join(mailDir, `${id}.eml`));
    expect(raw.toString("latin1")).toMatch(/\r\n\r\n/);
    const mail = await simpleParser(raw);
    expect(mail.messageId).toBe(`<${id}@guichet>`);
    expect(mail.subject).toBe("Confirmez votre adresse électronique");
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.from?.value[0]).toEqual({ name: "Guichet", address: "ne-pas-repondre@guichet.local" });
    const row = await database.db.kysely.selectFrom("outbox").select(["status", "sent_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "sent", sent_at: "2026-06-01T08:00:00.000Z" });
  });

  it("in production, prints the subject and the file only — never the link — and the sender warns that nothing is sent", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const { message, link } = signupEmail("secret@y.fr", "jeton-de-production");
    const id = await enqueueEmail(database.db.kysely, message, clock.now);
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: string) => { printed.push(line); });
    const mailDir = join(dir, "production");
    try {
      const sender = createMailSender({ db: database.db, clock: clock.fn, transport: { kind: "files", dir: mailDir, production: true }, logger: memoryLogger() });
      expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 0 });
      expect(sender.warning).toMatch(/^Attention : SMTP_URL n'est pas défini\. En production, les courriels ne sont pas envoyés : ils sont seulement écrits dans des fichiers/);
    } finally {
      spy.mockRestore();
    }
    expect(printed).toEqual([`Courriel « Confirmez votre adresse électronique » écrit dans ${join(mailDir, `${id}.eml`)}`]);
    expect(printed.join("\n")).not.toContain("jeton-de-production");
    expect(readFileSync(join(mailDir, `${id}.eml`), "utf8")).toContain(link.slice(0, 40));

    const saved = { SMTP_URL: process.env.SMTP_URL, NODE_ENV: process.env.NODE_ENV, GUICHET_DATA_DIR: process.env.GUICHET_DATA_DIR };
    try {
      delete process.env.SMTP_URL;
      process.env.GUICHET_DATA_DIR = dir;
      process.env.NODE_ENV = "production";
      expect(mailSenderFromEnv({ db: database.db, clock: () => new Date() }).warning).toContain("SMTP_URL");
      expect(mailSenderFromEnv({ db: database.db, clock: () => new Date(), production: false }).warning).toBeUndefined();
      process.env.SMTP_URL = "smtp://smtp.exemple.fr:587";
      expect(mailSenderFromEnv({ db: database.db, clock: () => new Date() }).warning).toBeUndefined();
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });

  it("mailSenderFromEnv: files under GUICHET_DATA_DIR/mail without SMTP_URL, SMTP with it, MAIL_FROM", async () => {
    const saved = { SMTP_URL: process.env.SMTP_URL, GUICHET_DATA_DIR: process.env.GUICHET_DATA_DIR, MAIL_FROM: process.env.MAIL_FROM };
    try {
      delete process.env.SMTP_URL;
      process.env.GUICHET_DATA_DIR = dir;
      const files = mailSenderFromEnv({ db: database.db, clock: () => new Date() });
      const shown = relative(process.cwd(), join(dir, "mail"));
      expect(files.description).toBe(`courriels écrits dans ${shown.startsWith("..") ? join(dir, "mail") : `./${shown}`}`);
      process.env.MAIL_FROM = "Département du Cantal <guichet@cantal.test>";
      const id = await enqueueEmail(database.db.kysely, signupEmail("z@y.fr").message, new Date());
      const spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
      try {
        expect(await mailSenderFromEnv({ db: database.db, clock: () => new Date(), logger: memoryLogger() }).deliverDue()).toMatchObject({ sent: 1 });
      } finally {
        spy.mockRestore();
      }
      const mail = await simpleParser(readFileSync(join(dir, "mail", `${id}.eml`)));
      expect(mail.from?.value[0]).toEqual({ name: "Département du Cantal", address: "guichet@cantal.test" });
      process.env.SMTP_URL = "smtp://utilisateur:secret@smtp.exemple.fr:587";
      const smtp = mailSenderFromEnv({ db: database.db, clock: () => new Date() });
      expect(smtp.description).toBe("courriels envoyés par SMTP à smtp.exemple.fr:587");
      expect(smtp.description).not.toContain("secret");
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });
});
