/**
 * The real way out for a test's emails: the outbox delivered by the mail
 * sender over SMTP to the in-process mailbox, then read back as a mail
 * client would (subject, text, the link to follow).
 */
import type { ParsedMail } from "mailparser";
import pino from "pino";
import { createMailSender } from "../../server/mail/sender";
import type { Db } from "../../server/store/database";
import { recipientsOf, startMailbox, type Mailbox } from "./mailbox";

export type SmtpDelivery = {
  mailbox: Mailbox;
  /** Delivers every due outbox row, then waits for the newest message to `to` whose subject matches. */
  receive(to: string, subject: RegExp): Promise<ParsedMail>;
  close(): Promise<void>;
};

export async function smtpDelivery(db: Db, clock: () => Date): Promise<SmtpDelivery> {
  const mailbox = await startMailbox();
  const sender = createMailSender({ db, clock, transport: { kind: "smtp", url: mailbox.url }, logger: pino({ level: "silent" }) });
  return {
    mailbox,
    async receive(to, subject) {
      const report = await sender.deliverDue();
      if (report.failed > 0) throw new Error(`${report.failed} courriel(s) en échec`);
      const match = (m: ParsedMail) => recipientsOf(m).includes(to.toLowerCase()) && subject.test(m.subject ?? "");
      await mailbox.waitFor(match);
      return mailbox.messages.filter(match).at(-1)!;
    },
    close: () => mailbox.close(),
  };
}
