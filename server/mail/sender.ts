/**
 * Delivers the outbox. A sender claims a batch of due rows, then sends them
 * one at a time and marks each row sent right after the server's 250, so a
 * crash can leave at most the one message in flight delivered but not marked:
 * it is sent again once the claim expires, with the same Message-ID
 * (`<OUTBOX_ID@guichet>`), which lets mail systems drop the copy. That is
 * the honest guarantee: at least once, at most one duplicate per crash of a
 * sender. Transient failures are retried with exponential backoff; a 5xx
 * answer to RCPT TO or DATA and exhausted attempts mark the row failed, never
 * retried. A failure of the server or of its configuration (credentials, no
 * connection, a refused greeting or sender) is no message's fault: the pass
 * stops and every row it claimed waits, with the reason, never failed by it.
 */
import { resolve } from "node:path";
import { isProduction } from "../config/production";
import { startIntervalLoop, type IntervalLoop } from "../dossiers/interval-loop";
import type { Db } from "../store/database";
import { claimDueOutbox, markOutboxFailed, markOutboxRetry, markOutboxSent, releaseOutbox, type OutboxRow } from "../store/outbox-store";
import type { EmailPayload } from "./outbox";
import {
  describeError, describeTransport, failureScope, openTransport, SEND_BUDGET_MS, type MessageTransport, type TransportConfig,
} from "./transports";

export type MailLogger = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type MailSenderOptions = {
  db: Db;
  clock: () => Date;
  logger?: MailLogger;
  transport: TransportConfig;
  from?: string;
  /** Rows claimed at once (default 20). */
  batchSize?: number;
  /** Attempts before a row is failed for good (default 10: about 4 hours of retries). */
  maxAttempts?: number;
  /** How long a claim lasts (default 300 s); a dead sender's rows are taken again after it. */
  claimSeconds?: number;
  /** First retry delay (default 30 s), doubled at each attempt up to 6 hours, ±20 % jitter. */
  baseDelayMs?: number;
};

export type DeliveryReport = { sent: number; failed: number; retried: number };

export const DEFAULT_FROM = "Guichet <ne-pas-repondre@guichet.local>";
const MAX_DELAY_MS = 6 * 3600_000;

const consoleLogger: MailLogger = {
  info: () => undefined,
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

export function retryDelayMs(attempts: number, baseDelayMs: number, random: () => number = Math.random): number {
  const delay = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay * (0.8 + 0.4 * random()));
}

export function createMailSender(options: MailSenderOptions) {
  const { db, clock } = options;
  const logger = options.logger ?? consoleLogger;
  const from = options.from ?? DEFAULT_FROM;
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 10;
  const claimMs = (options.claimSeconds ?? 300) * 1000;
  const baseDelayMs = options.baseDelayMs ?? 30_000;
  // A message is only started while the claim will outlive its slowest possible send.
  const margin = Math.min(SEND_BUDGET_MS, claimMs / 2);

  /** Sends one row and records the outcome, except for a failure of the server, returned for the caller (see `deferAll`). */
  async function deliverOne(transport: MessageTransport, row: OutboxRow, claimedUntil: string): Promise<keyof DeliveryReport | { server: string }> {
    const log = { outboxId: row.id, kind: row.kind, attempt: row.attempts };
    try {
      const payload = JSON.parse(row.payload) as EmailPayload;
      await transport.send({
        from, to: row.recipient, subject: payload.subject, text: payload.text, html: payload.html,
        messageId: `<${row.id}@guichet>`, date: clock(),
        headers: { "Content-Language": "fr", "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All", "X-Guichet-Kind": row.kind },
      });
    } catch (error) {
      const reason = describeError(error);
      // A payload that is not JSON will not become JSON on another attempt either.
      const scope = error instanceof SyntaxError ? "permanent" : failureScope(error);
      if (scope === "server") return { server: reason };
      const permanent = scope === "permanent";
      if (permanent || row.attempts >= maxAttempts) {
        const detail = permanent ? `refus définitif : ${reason}` : `abandon après ${row.attempts} tentatives : ${reason}`;
        await markOutboxFailed(db.kysely, row.id, claimedUntil, detail.slice(0, 1000));
        logger.error({ ...log, error: reason }, "courriel non remis, abandonné");
        return "failed";
      }
      const next = new Date(clock().getTime() + retryDelayMs(row.attempts, baseDelayMs)).toISOString();
      await markOutboxRetry(db.kysely, row.id, claimedUntil, next, reason);
      logger.warn({ ...log, error: reason, nextAttemptAt: next }, "courriel non remis, nouvel essai prévu");
      return "retried";
    }
    await markOutboxSent(db.kysely, row.id, clock().toISOString());
    logger.info(log, "courriel remis");
    return "sent";
  }

  /** Back to pending with the reason, each after its own backoff; whatever their attempts, never failed for a fault of the server. */
  async function deferAll(rows: OutboxRow[], claimedUntil: string, reason: string): Promise<number> {
    let deferred = 0;
    let next = "";
    for (const row of rows) {
      next = new Date(clock().getTime() + retryDelayMs(row.attempts, baseDelayMs)).toISOString();
      if (await markOutboxRetry(db.kysely, row.id, claimedUntil, next, reason)) deferred++;
    }
    logger.warn({ error: reason, deferred, nextAttemptAt: next }, "serveur de courriel injoignable ou mal configuré : envoi interrompu, nouvel essai prévu");
    return deferred;
  }

  async function deliverDue(limit = 1000): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0, retried: 0 };
    let claimed = 0;
    let transport: MessageTransport | null = null;
    try {
      pass: while (claimed < limit) {
        const now = clock();
        const claimedUntil = new Date(now.getTime() + claimMs).toISOString();
        const rows = await claimDueOutbox(db, now.toISOString(), claimedUntil, Math.min(batchSize, limit - claimed));
        if (rows.length === 0) break;
        claimed += rows.length;
        transport ??= openTransport(options.transport);
        for (const [i, row] of rows.entries()) {
          if (clock().getTime() > Date.parse(claimedUntil) - margin) {
            await releaseOutbox(db.kysely, rows.slice(i).map((r) => r.id), claimedUntil);
            break;
          }
          const outcome = await deliverOne(transport, row, claimedUntil);
          if (typeof outcome === "string") {
            report[outcome]++;
            continue;
          }
          report.retried += await deferAll(rows.slice(i), claimedUntil, outcome.server);
          break pass;
        }
      }
    } finally {
      transport?.close();
    }
    return report;
  }

  return {
    deliverDue,
    /** Where messages go, in French (for the start-up log). */
    description: describeTransport(options.transport),
    /** In production without an SMTP server, the French warning that emails are only written to files. */
    warning: options.transport.kind === "files" && options.transport.production === true
      ? `Attention : SMTP_URL n'est pas défini. En production, les courriels ne sont pas envoyés : ils sont seulement écrits dans des fichiers (${describeTransport(options.transport)}). Définissez SMTP_URL pour qu'ils partent.`
      : undefined,
    /** Runs `deliverDue` every `intervalMs`, never two runs at once; `stop()` waits for the run in progress. */
    start(intervalMs = 5000): IntervalLoop {
      return startIntervalLoop(deliverDue, intervalMs, (error) => logger.error({ error: describeError(error) }, "envoi des courriels interrompu"));
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;

/**
 * The sender of `npm start`: SMTP_URL when set, else files under `${GUICHET_DATA_DIR ?? "data"}/mail`
 * (in production — by default as `isProduction` says — without printing links); MAIL_FROM.
 */
export function mailSenderFromEnv(deps: { db: Db; clock: () => Date; logger?: MailLogger; production?: boolean }): MailSender {
  const { production = isProduction(), ...rest } = deps;
  const url = process.env.SMTP_URL?.trim();
  const transport: TransportConfig = url ? { kind: "smtp", url } : { kind: "files", dir: resolve(process.env.GUICHET_DATA_DIR ?? "data", "mail"), production };
  return createMailSender({ ...rest, transport, from: process.env.MAIL_FROM?.trim() || DEFAULT_FROM });
}
