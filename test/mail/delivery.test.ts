/**
 * Email really leaves: a message enqueued in a transaction that rolls back
 * is never sent; one enqueued with its change is delivered over SMTP to a
 * real server and reads, once parsed, as the person will read it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { enqueueEmail } from "../../server/mail/outbox";
import { createMailSender } from "../../server/mail/sender";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { movableClock } from "../helpers/engine-setup";
import { startMailbox, type Mailbox } from "../helpers/mailbox";
import { memoryLogger, signupEmail } from "./mail-setup";

describe.each(DATABASES)("outbox delivery on $name", (kind) => {
  let database: TestDatabase;
  let mailbox: Mailbox;
  beforeAll(async () => { database = await kind.create(); mailbox = await startMailbox(); });
  afterAll(async () => { await mailbox.close(); await database.cleanup(); });
  afterEach(async () => { await database.db.kysely.deleteFrom("outbox").execute(); mailbox.messages.length = 0; });

  it("sends nothing for a transaction that rolled back", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const { message } = signupEmail("annulee@exemple.fr");
    await expect(database.db.kysely.transaction().execute(async (trx) => {
      await enqueueEmail(trx, message, clock.now);
      throw new Error("la modification échoue après l'écriture du courriel");
    })).rejects.toThrow("échoue");
    expect(await database.db.kysely.selectFrom("outbox").selectAll().execute()).toEqual([]);
    const sender = createMailSender({ db: database.db, clock: clock.fn, transport: { kind: "smtp", url: mailbox.url }, logger: memoryLogger() });
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(mailbox.messages).toHaveLength(0);
  });

  it("delivers a committed message over SMTP, readable and marked sent", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const { message, link } = signupEmail("Camille.Martin@Exemple.fr");
    const id = await database.db.kysely.transaction().execute((trx) => enqueueEmail(trx, message, clock.now));
    const logger = memoryLogger();
    const sender = createMailSender({ db: database.db, clock: clock.fn, transport: { kind: "smtp", url: mailbox.url }, logger, from: "Guichet du Cantal <guichet@cantal.test>" });

    clock.set("2026-06-01T08:00:05Z");
    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 0 });
    const mail = await mailbox.waitFor((m) => m.messageId === `<${id}@guichet>`);
    expect(mailbox.messages).toHaveLength(1);
    expect(mail.subject).toBe("Confirmez votre adresse électronique");
    expect(mail.text).toContain("Vous avez demandé à créer un compte sur Guichet.");
    expect(mail.text).toContain("Ce lien expire dans 24 heures.");
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).toContain('lang="fr"');
    expect(mailbox.linkIn(mail)).toBe(link);
    expect(new URL(mailbox.linkIn(mail)).hash).toBe("#jeton-secret");
    expect(mail.from?.value[0]).toEqual({ address: "guichet@cantal.test", name: "Guichet du Cantal" });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe("camille.martin@exemple.fr");
    expect(mail.headers.get("content-language")).toBe("fr");
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.date?.toISOString()).toBe("2026-06-01T08:00:05.000Z");

    const row = await database.db.kysely.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", sent_at: "2026-06-01T08:00:05.000Z", attempts: 1, claimed_until: null, last_error: null });
    expect(logger.lines).toEqual([{ level: "info", obj: { outboxId: id, kind: "signup_verification", attempt: 1 }, msg: "courriel remis" }]);

    // Nothing is due any more: a second pass sends nothing.
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(mailbox.messages).toHaveLength(1);
  });

  it("leaves a message due later alone, and start() delivers it when due then stops cleanly", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const id = await database.db.kysely.transaction().execute((trx) => enqueueEmail(trx, signupEmail("plus-tard@exemple.fr").message, new Date("2026-06-01T09:00:00Z")));
    const sender = createMailSender({ db: database.db, clock: clock.fn, transport: { kind: "smtp", url: mailbox.url }, logger: memoryLogger() });
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    const loop = sender.start(20);
    await new Promise((r) => setTimeout(r, 100));
    expect(mailbox.messages).toHaveLength(0);
    clock.set("2026-06-01T09:00:00Z");
    await mailbox.waitFor((m) => m.messageId === `<${id}@guichet>`, 5000);
    await loop.stop();
    const row = await database.db.kysely.selectFrom("outbox").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("sent");
    expect(mailbox.messages).toHaveLength(1);
  });
});
