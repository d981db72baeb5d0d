/**
 * `outbox:status`: how many messages wait, are being sent, were sent or
 * failed for good, the oldest one still waiting, and the last failures —
 * what an operator looks at when someone says "I never got the email".
 */
import { parseArgs } from "node:util";
import { OperatorError, parseArgsError } from "./operator-error";
import type { CommandContext } from "./territory-commands";

const STATUSES = [["pending", "en attente"], ["sending", "en cours d'envoi"], ["sent", "envoyés"], ["failed", "en échec définitif"]] as const;

export async function outboxStatusCommand({ db, args, out }: CommandContext): Promise<void> {
  let failures = 5;
  try {
    const { values } = parseArgs({ args, allowPositionals: false, strict: true, options: { failures: { type: "string" } } });
    if (values.failures !== undefined) failures = Number(values.failures);
  } catch (error) {
    throw parseArgsError(error);
  }
  if (!Number.isInteger(failures) || failures < 0 || failures > 100) throw new OperatorError("--failures attend un nombre entier de 0 à 100.", 2);

  const counts = await db.kysely.selectFrom("outbox").select(["status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("status").execute();
  const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  out("Boîte d'envoi :");
  for (const [status, label] of STATUSES) out(`  ${label.padEnd(20)} ${count(status)}`);
  const oldest = await db.kysely.selectFrom("outbox").select(["created_at", "next_attempt_at", "attempts"]).where("status", "=", "pending")
    .orderBy("created_at").limit(1).executeTakeFirst();
  if (oldest) out(`Le plus ancien message en attente date du ${oldest.created_at} (${oldest.attempts} tentative(s), prochaine le ${oldest.next_attempt_at}).`);
  if (failures === 0) return;

  const failed = await db.kysely.selectFrom("outbox").select(["id", "kind", "recipient", "status", "attempts", "last_error", "created_at", "next_attempt_at"])
    .where("last_error", "is not", null).orderBy("created_at", "desc").orderBy("id", "desc").limit(failures).execute();
  if (failed.length === 0) {
    out("Aucun échec d'envoi.");
    return;
  }
  out(`Derniers échecs (${failed.length}) :`);
  for (const f of failed) {
    const state = f.status === "failed" ? "abandonné" : f.status === "sent" ? "envoyé ensuite" : "nouvelle tentative prévue";
    out(`  ${f.created_at}  ${f.recipient}  ${f.kind}  ${f.attempts} tentative(s), ${state} : ${(f.last_error ?? "").replace(/\s+/g, " ").slice(0, 200)}`);
  }
}
