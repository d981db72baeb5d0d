/**
 * A failure of the mail server or of its configuration is nobody's message's
 * fault: a wrong password (535), a refused greeting (554), a refused sender
 * (553 to MAIL FROM) leave every row pending with the reason, stop the pass
 * at the first one (a single AUTH attempt), and once the configuration is
 * right the rows are delivered. Only a 5xx answer to RCPT TO or DATA, about
 * that message, fails it for good.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMailSender } from "../../server/mail/sender";
import type { TransportConfig } from "../../server/mail/transports";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { movableClock } from "../helpers/engine-setup";
import { startMailbox, type Mailbox, type MailboxOptions } from "../helpers/mailbox";
import { enqueueMany, memoryLogger } from "./mail-setup";

describe.each(DATABASES)("server and configuration failures on $name", (kind) => {
  let database: TestDatabase;
  const mailboxes: Mailbox[] = [];
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await Promise.all(mailboxes.map((m) => m.close())); await database.cleanup(); });
  afterEach(async () => { await database.db.kysely.deleteFrom("outbox").execute(); });

  const rows = () => database.db.kysely.selectFrom("outbox").selectAll().orderBy("id").execute();
  const mailbox = async (options: MailboxOptions) => {
    const box = await startMailbox(options);
    mailboxes.push(box);
    return box;
  };
  const sender = (clock: ReturnType<typeof movableClock>, transport: TransportConfig, batchSize?: number) =>
    createMailSender({ db: database.db, clock: clock.fn, transport, logger: memoryLogger(), ...(batchSize ? { batchSize } : {}) });
  const withCredentials = (box: Mailbox, user: string, pass: string): TransportConfig => ({ kind: "smtp", url: `smtp://${user}:${pass}@127.0.0.1:${box.port}` });

  it("a wrong SMTP password leaves every row pending with the reason, then the right one delivers them", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const box = await mailbox({ auth: { user: "guichet", pass: "le-bon" } });
    const ids = await enqueueMany(database.db, 3, clock.now);

    expect(await sender(clock, withCredentials(box, "guichet", "le-mauvais")).deliverDue()).toEqual({ sent: 0, failed: 0, retried: 3 });
    expect(box.counts.auths).toBe(1);
    expect(box.messages).toHaveLength(0);
    for (const row of await rows()) {
      expect(row).toMatchObject({ status: "pending", claimed_until: null, sent_at: null });
      expect(row.last_error).toMatch(/^535 Invalid login: 535 Identifiants refusés/);
      expect(Date.parse(row.next_attempt_at)).toBeGreaterThan(clock.now.getTime());
    }

    clock.set("2026-06-01T08:05:00Z");
    expect(await sender(clock, withCredentials(box, "guichet", "le-bon")).deliverDue()).toEqual({ sent: 3, failed: 0, retried: 0 });
    expect((await rows()).map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(box.messages.map((m) => m.messageId).sort()).toEqual(ids.map((id) => `<${id}@guichet>`).sort());
  });

  it("stops the pass at the first such failure: the rows not claimed yet are untouched", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const box = await mailbox({ auth: { user: "guichet", pass: "le-bon" } });
    await enqueueMany(database.db, 5, clock.now);
    expect(await sender(clock, withCredentials(box, "guichet", "faux"), 2).deliverDue()).toEqual({ sent: 0, failed: 0, retried: 2 });
    expect(box.counts.auths).toBe(1);
    const after = await rows();
    expect(after.filter((r) => r.last_error !== null)).toHaveLength(2);
    expect(after.filter((r) => r.last_error === null).map((r) => [r.status, r.attempts])).toEqual([["pending", 0], ["pending", 0], ["pending", 0]]);
  });

  it("a refused greeting (554) and a refused sender (553 to MAIL FROM) are not the message's fault", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const refusing = await mailbox({ refuseConnection: 554 });
    const strict = await mailbox({ failMailFrom: () => 553 });
    await enqueueMany(database.db, 2, clock.now);
    for (const box of [refusing, strict]) {
      expect(await sender(clock, { kind: "smtp", url: box.url }).deliverDue()).toEqual({ sent: 0, failed: 0, retried: 2 });
      const after = await rows();
      expect(after.map((r) => r.status)).toEqual(["pending", "pending"]);
      expect(after.every((r) => /55[34]/.test(r.last_error ?? ""))).toBe(true);
      clock.set(new Date(clock.now.getTime() + 3600_000).toISOString());
    }
    expect(strict.counts.connections).toBe(1);
  });

  it("fails for good a 5xx answer to DATA for that message, and goes on with the others", async () => {
    const clock = movableClock("2026-06-01T08:00:00Z");
    const box = await mailbox({ failData: (rcpt) => (rcpt === "personne-0@exemple.fr" ? 554 : undefined) });
    await enqueueMany(database.db, 3, clock.now);
    expect(await sender(clock, { kind: "smtp", url: box.url }).deliverDue()).toEqual({ sent: 2, failed: 1, retried: 0 });
    const refused = (await rows()).find((r) => r.recipient === "personne-0@exemple.fr")!;
    expect(refused.status).toBe("failed");
    expect(refused.last_error).toMatch(/^refus définitif : 554 /);
  });
});
