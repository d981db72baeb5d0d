/**
 * A real SMTP server in the test process (smtp-server on a free loopback
 * port, no TLS, authentication only when asked for) that parses every message it
 * accepts with mailparser. Tests read what left Guichet as a person's mail
 * client would: subject, text, HTML, headers, the link to click. Each
 * accepted DATA is recorded before its 250 answer, so `messages` counts raw
 * deliveries (a message sent twice appears twice).
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type MailboxOptions = {
  /** An SMTP code to answer RCPT TO with for this address (e.g. 451 = try later, 550 = unknown mailbox), or undefined to accept. */
  failFor?: (rcpt: string) => number | undefined;
  /** Called with each accepted message, before the sender gets its 250 (a test may crash the sender from here). */
  onMessage?: (mail: ParsedMail, received: number) => void;
  /** Requires AUTH (PLAIN or LOGIN, allowed without TLS on loopback) with these credentials; others get 535. */
  auth?: { user: string; pass: string };
  /** An SMTP code to greet every connection with instead of 220 (e.g. 554 = refused). */
  refuseConnection?: number;
  /** An SMTP code to answer MAIL FROM with (e.g. 553 = sender not allowed), or undefined to accept. */
  failMailFrom?: (sender: string) => number | undefined;
  /** An SMTP code to answer the end of DATA with for a message to this address (e.g. 554 = refused content), or undefined to accept. */
  failData?: (rcpt: string) => number | undefined;
};

export type Mailbox = {
  url: string;
  port: number;
  /** Every accepted delivery, in the order they were accepted. */
  messages: ParsedMail[];
  /** Connections opened and AUTH attempts received (successful or not). */
  counts: { connections: number; auths: number };
  waitFor(pred: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  linkIn(mail: ParsedMail): string;
  close(): Promise<void>;
};

/** The recipient addresses of a parsed message, lower-cased. */
export function recipientsOf(mail: ParsedMail): string[] {
  const to = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
}

export async function startMailbox(options: MailboxOptions = {}): Promise<Mailbox> {
  const messages: ParsedMail[] = [];
  const counts = { connections: 0, auths: 0 };
  const waiters = new Set<(mail: ParsedMail) => void>();
  const refusal = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  const server = new SMTPServer({
    secure: false,
    authOptional: options.auth === undefined,
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    closeTimeout: 500,
    disableReverseLookup: true,
    onConnect(_session, callback) {
      counts.connections++;
      callback(options.refuseConnection === undefined ? undefined : refusal(options.refuseConnection, "Service refusé"));
    },
    onAuth(auth, _session, callback) {
      counts.auths++;
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) return callback(null, { user: auth.username });
      callback(refusal(535, "Identifiants refusés"));
    },
    onMailFrom(address, _session, callback) {
      const code = options.failMailFrom?.(address.address.toLowerCase());
      callback(code === undefined ? undefined : refusal(code, "Expéditeur non autorisé"));
    },
    onRcptTo(address, _session, callback) {
      const code = options.failFor?.(address.address.toLowerCase());
      if (code === undefined) return callback();
      callback(refusal(code, code >= 500 ? "Boîte aux lettres inconnue" : "Réessayez plus tard"));
    },
    onData(stream, session, callback) {
      const dataCode = options.failData?.(session.envelope.rcptTo[0]?.address.toLowerCase() ?? "");
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        if (dataCode !== undefined) return callback(refusal(dataCode, "Contenu refusé"));
        simpleParser(Buffer.concat(chunks)).then((mail) => {
          messages.push(mail);
          options.onMessage?.(mail, messages.length);
          for (const waiter of [...waiters]) waiter(mail);
          callback();
        }, (error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.on("error", () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    counts,
    waitFor(pred, timeoutMs = 10_000) {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise<ParsedMail>((resolve, reject) => {
        const waiter = (mail: ParsedMail) => {
          if (!pred(mail)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`aucun courriel attendu reçu en ${timeoutMs} ms (${messages.length} reçus : ${messages.map((m) => m.subject).join(" | ")})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    linkIn(mail) {
      const link = /https?:\/\/[^\s<>"']+/.exec(mail.text ?? "")?.[0];
      if (!link) throw new Error(`aucun lien dans le courriel « ${mail.subject ?? ""} »`);
      return link;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
