/**
 * A sender killed with SIGKILL in the middle of 200 messages, then a fresh
 * one: every message arrives, every row ends "sent", and the copies are
 * counted. The kill is decided by the mailbox when the 60th message arrives,
 * before its 250 reaches the sender: the worst moment, when a message is
 * delivered but cannot be marked. The design bounds the copies to the one
 * message in flight per crash, and a copy carries the same Message-ID.
 * MAIL_CRASH_KILL=random kills 0–100 ms after the 60th message instead, at
 * any point of a send (to measure how often an ordinary crash makes a copy).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../server/store/database";
import { outboxCounts } from "../../server/store/outbox-store";
import { startMailbox } from "../helpers/mailbox";
import { REPO } from "../helpers/packages";
import { enqueueMany } from "./mail-setup";

const TOTAL = 200;
const KILL_AT = 60;
const RANDOM_KILL = process.env.MAIL_CRASH_KILL === "random";
const dir = mkdtempSync(join(tmpdir(), "guichet-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runSender(env: Record<string, string>): { child: ChildProcess; exit: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  // node --import tsx (not the tsx CLI, which would run the script in a grandchild that SIGKILL would not reach).
  const child = spawn(process.execPath, ["--import", "tsx", join(REPO, "test/mail/crash-sender.ts")], { cwd: REPO, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdout!.resume();
  const exit = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stderr })));
  return { child, exit };
}

it(`delivers all ${TOTAL} messages across a SIGKILL of the sender, with at most one copy per crash`, async () => {
  const started = Date.now();
  const url = join(dir, "crash.sqlite");
  const db = await openDatabase({ url });
  const ids = await enqueueMany(db, TOTAL, new Date());
  let first: ChildProcess | null = null;
  const mailbox = await startMailbox({
    onMessage(_mail, received) {
      if (received !== KILL_AT || !first) return;
      const child = first;
      const kill = () => child.kill("SIGKILL");
      if (RANDOM_KILL) setTimeout(kill, Math.random() * 100);
      else kill();
    },
  });
  const env = { MAIL_CRASH_DB: url, MAIL_CRASH_SMTP: mailbox.url, MAIL_CRASH_CLAIM_SECONDS: "1" };
  try {
    const one = runSender(env);
    first = one.child;
    const killed = await one.exit;
    expect(killed.signal).toBe("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200)); // a message received just before the kill may still be parsing
    const atKill = mailbox.messages.length;
    // Sending one message at a time, the dead sender's last accepted message is the only one that can have missed its "sent" mark.
    const inFlightAtKill = mailbox.messages[atKill - 1]?.messageId;
    const countsAtKill = await outboxCounts(db.kysely);

    const two = runSender(env);
    const finished = await two.exit;
    expect(finished.stderr).toBe("");
    expect(finished.code).toBe(0);

    const received = mailbox.messages.length;
    const messageIds = mailbox.messages.map((m) => m.messageId);
    const distinct = new Set(messageIds);
    const copies = messageIds.filter((id, i) => messageIds.indexOf(id) !== i);
    const seconds = (Date.now() - started) / 1000;
    console.log(`crash (${RANDOM_KILL ? "instant aléatoire" : "pendant le 250"}) : reçus ${received}, distincts ${distinct.size}, doublons ${copies.length} (${copies.join(", ") || "aucun"}), `
      + `reçus avant le SIGKILL ${atKill}, lignes à ce moment ${JSON.stringify(countsAtKill)}, durée ${seconds.toFixed(1)} s`);

    expect(distinct).toEqual(new Set(ids.map((id) => `<${id}@guichet>`)));
    expect(await outboxCounts(db.kysely)).toEqual({ sent: TOTAL });
    // One sender crashed once, with one message in flight: at most that one arrives twice.
    expect(copies.length).toBeLessThanOrEqual(1);
    for (const copy of copies) expect(copy).toBe(inFlightAtKill);
  } finally {
    first?.kill("SIGKILL");
    await mailbox.close();
    await db.close();
  }
}, 60_000);
