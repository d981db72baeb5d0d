/**
 * Where a sender's messages go: an SMTP server (nodemailer, from an
 * smtp:// or smtps:// URL), or — without one, for a demo or a developer —
 * RFC 5322 files `<id>.eml` in a folder, each also announced on the console
 * with its subject and first link, so that a sign-up link can be followed
 * without any mail server — in production with its subject and file only (a
 * one-time link in a log is a password in a log). Also says whom an SMTP
 * failure is about.
 */
import { mkdirSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";

/** `production`: the files transport does not print links. */
export type TransportConfig = { kind: "smtp"; url: string } | { kind: "files"; dir: string; production?: boolean };

export type MessageTransport = {
  /** Resolves once the message is accepted (SMTP 250, or the file written). */
  send(message: Mail.Options & { to: string; subject: string; text: string }): Promise<void>;
  close(): void;
};

/** Bounds on the stages of one SMTP exchange (the socket's is an idle timeout), so that a claim outlives a send in progress (see `sender.ts`). */
export const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 40_000 };
export const SEND_BUDGET_MS = SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout + SMTP_TIMEOUTS.socketTimeout;

/** Opened for one delivery pass and closed after it, so that no idle connection keeps a process (e.g. a CLI) alive. */
export function openTransport(config: TransportConfig): MessageTransport {
  return config.kind === "smtp" ? smtpTransport(config.url) : filesTransport(config.dir, config.production === true);
}

/** A French line saying where messages go (never the SMTP password). */
export function describeTransport(config: TransportConfig): string {
  if (config.kind === "smtp") {
    const url = new URL(config.url);
    return `courriels envoyés par SMTP à ${url.hostname}:${url.port || (url.protocol === "smtps:" ? 465 : 587)}`;
  }
  const folder = resolve(config.dir);
  const shown = relative(process.cwd(), folder);
  return `courriels écrits dans ${shown.startsWith("..") || shown === "" ? folder : `./${shown}`}`;
}

function smtpTransport(url: string): MessageTransport {
  const parsed = new URL(url);
  // Options given in the URL (nodemailer reads them from its query) win over ours. One pooled connection is
  // kept between the messages of a pass (sent one at a time), instead of a connection and a greeting per message.
  const defaults = { ...SMTP_TIMEOUTS, pool: true, maxConnections: 1 };
  for (const [key, value] of Object.entries(defaults)) if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, String(value));
  const transporter = nodemailer.createTransport(parsed.toString());
  return {
    async send(message) {
      await transporter.sendMail(message);
    },
    close: () => transporter.close(),
  };
}

function filesTransport(dir: string, production: boolean): MessageTransport {
  const folder = resolve(dir);
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    async send(message) {
      mkdirSync(folder, { recursive: true });
      const info = await transporter.sendMail(message);
      const id = String(message.messageId ?? "").replace(/^<|@.*$/g, "").replace(/[^A-Za-z0-9-]/g, "") || String(Date.now());
      const file = join(folder, `${id}.eml`);
      // Written aside then renamed: a reader never sees half a message.
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      if (production) {
        console.log(`Courriel « ${message.subject} » écrit dans ${file}`);
        return;
      }
      const link = firstLink(message.text);
      console.log(`Courriel pour ${message.to} — « ${message.subject} » — ${link ? `lien : ${link}` : "sans lien"}`);
    },
    close: () => transporter.close(),
  };
}

export function firstLink(text: string): string | undefined {
  return /https?:\/\/[^\s<>"']+/.exec(text)?.[0];
}

/**
 * Whom a failed send is about (nodemailer's `command` and `responseCode`):
 * - "permanent": the server refused this message for good — a 5xx answer to
 *   RCPT TO (e.g. 550 unknown mailbox) or DATA (e.g. 554 content refused), or
 *   a message nodemailer will not send at all; never retried;
 * - "message": a 4xx answer to RCPT TO or DATA — this message, later;
 * - "server": anything else — credentials refused (EAUTH), no connection,
 *   a timeout, a refused greeting, a refused MAIL FROM (the configured
 *   sender), a file that cannot be written: no message is at fault, so every
 *   one waits and the pass stops.
 */
export type FailureScope = "permanent" | "message" | "server";

export function failureScope(error: unknown): FailureScope {
  const e = error as { responseCode?: unknown; code?: unknown; command?: unknown };
  const code = typeof e?.responseCode === "number" ? e.responseCode : undefined;
  if ((e?.command === "RCPT TO" || e?.command === "DATA") && code !== undefined) {
    if (code >= 500 && code < 600) return "permanent";
    if (code >= 400 && code < 500) return "message";
  }
  // Refused by nodemailer itself (an empty message, or one larger than the server's SIZE).
  if (e?.code === "EMESSAGE" && code === undefined) return "permanent";
  return "server";
}

export function describeError(error: unknown): string {
  const e = error as { responseCode?: unknown; code?: unknown; message?: unknown };
  const prefix = typeof e?.responseCode === "number" ? `${e.responseCode} ` : typeof e?.code === "string" ? `${e.code} ` : "";
  return `${prefix}${typeof e?.message === "string" ? e.message : String(error)}`.slice(0, 1000);
}
