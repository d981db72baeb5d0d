/**
 * A server that says "try later" (451) gets the message again after the
 * backoff, once; one that says "no such mailbox" (550) ends the row as
 * failed, with the reason kept, and it is never tried again. Attempts run
 * out too.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { enqueueEmail } from "../../server/mail/outbox";
import { createMailSender, retryDelayMs } from "../../server/mail/sender";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { movableClock } from "../helpers/engine-setup";
import { startMailbox, type Mailbox } from "../helpers/mailbox";
import { memoryLogger, signupEmail } from "./mail-setup";

it("backs off exponentially, capped, with ±20 % jitter", () => {
  expect(retryDelayMs(1, 30_000, () => 0.5)).toBe(30_000);
  expect(retryDelayMs(2, 30_000, () => 0.5)).toBe(60_000);
  expect(retryDelayMs(4, 30_000, () => 0.5)).toBe(240_000);
  expect(retryDelayMs(1, 30_000, () => 0)).toBe(24_000);
  expect(retryDelayMs(1, 30_000, () => 1)).toBe(36_000);
  expect(retryDelayMs(30, 30_000, () => 0.5)).toBe(6 * 3600_000);
});

describe.each(DATABASES)("outbox retries on $name", (kind) => {
  let database: TestDatabase;
  let mailbox: Mailbox;
  const refusals = new Map<string, number[]>();
  beforeAll(async () => {
    database = await kind.create();
    mailbox = await startMailbox({ failFor: (rcpt) => refusals.get(rcpt)?.shift() });
  });
  afterAll(async () => { await mailbox.close(); await database.cleanup(); });
  afterEach(async () => { await database.db.kysely.deleteFrom("outbox").execute(); mailbox.messages.length = 0; refusals.clear(); });

  const row = (id: string) => database.db.kysely.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("retries a 451 after the backoff and delivers it once", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    refusals.set("occupe@exemple.fr", [451, 451]);
    const id = await enqueueEmail(database.db.kysely, signupEmail("occupe@exemple.fr").message, clock.now);
    const logger = memoryLogger();
    const sender = createMailSender({ db: database.db, clock: clock.fn, transport: { kind: "smtp", url: mailbox.url }, logger });

    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 1 });
    const first = await row(id);
    expect(first).toMatchObject({ status: "pending", attempts: 1, claimed_until: null });
    expect(first.last_error).toMatch(/^451 .*Réessayez plus tard/);
    const wait1 = Date.parse(first.next_attempt_at) - clock.now.getTime();
    expect(wait1).toBeGreaterThanOrEqual(24_000);
    expect(wait1).toBeLessThanOrEqual(36_000);
    expect(logger.lines.at(-1)).toMatchObject({ level: "warn", msg: "courriel non remis, nouvel essai prévu" });

    // Not due yet: nothing is tried before the backoff ends.
    clock.set("2026-06-01T08:00:20Z");
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    clock.set("2026-06-01T08:00:40Z");
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 1 });
    const second = await row(id);
    const wait2 = Date.parse(second.next_attempt_at) - clock.now.getTime();
    expect(second.attempts).toBe(2);
    expect(wait2).toBeGreaterThanOrEqual(48_000);
    expect(wait2).toBeLessThanOrEqual(72_000);

    clock.set("2026-06-01T08:02:00Z");
    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 3, sent_at: "2026-06-01T08:02:00.000Z", last_error: null });
    expect(mailbox.messages.map((m) => m.messageId)).toEqual([`<${id}@guichet>`]);
    clock.set("2026-06-02T08:00:00Z");
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(mailbox.messages).toHaveLength(1);
  });

  it("fails a 550 for good, keeps the reason and never tries again", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    refusals.set("inconnu@exemple.fr", [550, 550, 550]);
    const id = await enqueueEmail(database.db.kysely, signupEmail("inconnu@exemple.fr").message, clock.now);
    const other = await enqueueEmail(database.db.kysely, signupEmail("connu@exemple.fr").message, clock.now);
    const logger = memoryLogger();
    const sender = createMailSender({ db: database.db, clock: clock.fn, transport: { kind: "smtp", url: mailbox.url }, logger });

    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 1, retried: 0 });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, sent_at: null, claimed_until: null });
    expect(failed.last_error).toMatch(/^refus définitif : 550 .*Boîte aux lettres inconnue/);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: "error", msg: "courriel non remis, abandonné", obj: expect.objectContaining({ outboxId: id }) }));
    expect((await row(other)).status).toBe("sent");

    clock.set("2026-06-10T08:00:00Z");
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(refusals.get("inconnu@exemple.fr")).toEqual([550, 550]);
    expect(mailbox.messages.map((m) => m.messageId)).toEqual([`<${other}@guichet>`]);
  });

  it("fails a message once its attempts run out", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    refusals.set("toujours-occupe@exemple.fr", Array(10).fill(451));
    const id = await enqueueEmail(database.db.kysely, signupEmail("toujours-occupe@exemple.fr").message, clock.now);
    const sender = createMailSender({ db: database.db, clock: clock.fn, transport: { kind: "smtp", url: mailbox.url }, logger: memoryLogger(), maxAttempts: 3, baseDelayMs: 1000 });
    const reports = [];
    for (let i = 0; i < 5; i++) {
      reports.push(await sender.deliverDue());
      clock.set(new Date(clock.now.getTime() + 3600_000).toISOString());
    }
    expect(reports.map((r) => `${r.sent}/${r.failed}/${r.retried}`)).toEqual(["0/0/1", "0/0/1", "0/1/0", "0/0/0", "0/0/0"]);
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "failed", attempts: 3 });
    expect(failed.last_error).toMatch(/^abandon après 3 tentatives : 451 /);
    expect(refusals.get("toujours-occupe@exemple.fr")).toHaveLength(7);
  });

  it("retries when the SMTP server cannot be reached", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const id = await enqueueEmail(database.db.kysely, signupEmail("panne@exemple.fr").message, clock.now);
    const closed = await startMailbox();
    await closed.close();
    const sender = createMailSender({ db: database.db, clock: clock.fn, transport: { kind: "smtp", url: closed.url }, logger: memoryLogger() });
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect((await row(id)).last_error).toMatch(/ECONNREFUSED/);
  });
});
