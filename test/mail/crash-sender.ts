/**
 * A sender process for the crash test (test/mail/crash.test.ts): delivers the
 * outbox of the SQLite file MAIL_CRASH_DB to MAIL_CRASH_SMTP with a short
 * claim, and exits once every row is sent. The test kills it with SIGKILL
 * midway, as a crash would, and runs another one to finish.
 */
import { createMailSender } from "../../server/mail/sender";
import { openDatabase } from "../../server/store/database";
import { outboxCounts } from "../../server/store/outbox-store";

const db = await openDatabase({ url: process.env.MAIL_CRASH_DB! });
const sender = createMailSender({
  db, clock: () => new Date(),
  transport: { kind: "smtp", url: process.env.MAIL_CRASH_SMTP! },
  claimSeconds: Number(process.env.MAIL_CRASH_CLAIM_SECONDS ?? 1),
  batchSize: 10,
  logger: { info: () => undefined, warn: (o, m) => console.error(m, o), error: (o, m) => console.error(m, o) },
});
const loop = sender.start(25);
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const counts = await outboxCounts(db.kysely);
  if (Object.keys(counts).every((status) => status === "sent")) break;
}
await loop.stop();
await db.close();
console.log("expéditeur : tout est envoyé");
