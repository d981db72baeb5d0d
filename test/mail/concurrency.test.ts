/**
 * Several senders on one database (two server processes): each message is
 * claimed by one of them only, so 100 messages arrive 100 times, not more.
 * A claim left by a sender that died is taken over once it expires, not before,
 * and the late sender can no longer push the row back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailSender } from "../../server/mail/sender";
import { claimDueOutbox, markOutboxRetry, outboxCounts } from "../../server/store/outbox-store";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { movableClock } from "../helpers/engine-setup";
import { startMailbox, type Mailbox } from "../helpers/mailbox";
import { enqueueMany, memoryLogger } from "./mail-setup";

describe.each(DATABASES)("concurrent senders on $name", (kind) => {
  let database: TestDatabase;
  let mailbox: Mailbox;
  beforeAll(async () => { database = await kind.create(); mailbox = await startMailbox(); });
  afterAll(async () => { await mailbox.close(); await database.cleanup(); });

  it("two senders deliver 100 messages, each exactly once", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const ids = await enqueueMany(database.db, 100, clock.now);
    const senders = await Promise.all([database.reopen(), database.reopen()]).then((dbs) => dbs.map((db) =>
      createMailSender({ db, clock: clock.fn, transport: { kind: "smtp", url: mailbox.url }, logger: memoryLogger(), batchSize: 5 })));
    // Each sender also runs two passes at once (deliverDue from a request while its loop runs).
    const reports = await Promise.all([...senders, ...senders].map((s) => s.deliverDue()));
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(100);
    expect(reports.every((r) => r.failed === 0 && r.retried === 0)).toBe(true);
    const perSender = [reports[0]!.sent + reports[2]!.sent, reports[1]!.sent + reports[3]!.sent];
    console.log(`${kind.name} : envois par expéditeur ${perSender.join(" + ")}`);
    expect(perSender.every((n) => n > 0)).toBe(true);
    expect(mailbox.messages).toHaveLength(100);
    expect(new Set(mailbox.messages.map((m) => m.messageId))).toEqual(new Set(ids.map((id) => `<${id}@guichet>`)));
    expect(await outboxCounts(database.db.kysely)).toEqual({ sent: 100 });
  });

  it("takes over a dead sender's claim only after it expires", async () => {
    await database.db.kysely.deleteFrom("outbox").execute();
    mailbox.messages.length = 0;
    const clock = movableClock("2026-06-01T08:00:00Z");
    const [id] = await enqueueMany(database.db, 1, clock.now);
    // A sender claims the row and dies before sending it.
    const deadClaim = "2026-06-01T08:05:00.000Z";
    expect((await claimDueOutbox(database.db, clock.now.toISOString(), deadClaim, 10)).map((r) => r.id)).toEqual([id]);
    expect(await claimDueOutbox(database.db, clock.now.toISOString(), deadClaim, 10)).toEqual([]);

    const sender = createMailSender({ db: await database.reopen(), clock: clock.fn, transport: { kind: "smtp", url: mailbox.url }, logger: memoryLogger() });
    clock.set("2026-06-01T08:04:59Z");
    expect(await sender.deliverDue()).toEqual({ sent: 0, failed: 0, retried: 0 });
    clock.set("2026-06-01T08:05:01Z");
    expect(await sender.deliverDue()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(mailbox.messages.map((m) => m.messageId)).toEqual([`<${id}@guichet>`]);
    const row = await database.db.kysely.selectFrom("outbox").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    // The first sender wakes up late: its claim is gone, it cannot undo the delivery.
    expect(await markOutboxRetry(database.db.kysely, id!, deadClaim, "2026-06-01T09:00:00.000Z", "451 trop tard")).toBe(false);
    expect((await database.db.kysely.selectFrom("outbox").select("status").where("id", "=", id!).executeTakeFirstOrThrow()).status).toBe("sent");
  });
});
