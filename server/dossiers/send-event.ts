/**
 * Sends a lifecycle event on behalf of a person, in one transaction, with
 * optimistic concurrency (expected version) and idempotency: a request
 * retried with the same key returns the first result and changes nothing.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../engine/audit-hash";
import { Refusal, type Actor } from "../engine/decide-transition";
import { findIdempotentResult, saveIdempotentResult } from "../store/event-store";
import { applyEvent } from "./apply-event";
import type { EngineContext } from "./context";
import type { DossierView } from "./dossier-view";

export type SendOptions = { expectedVersion?: number; idempotencyKey?: string };
export type SendResult = { dossier: DossierView; replayed: boolean };

async function replay(ctx: EngineContext, dossierId: string, actor: Actor, key: string, fingerprint: string): Promise<SendResult | null> {
  const stored = await findIdempotentResult(ctx.db.kysely, actor.id, key);
  if (!stored) return null;
  if (stored.dossier_id !== dossierId || stored.fingerprint !== fingerprint) {
    throw new Refusal("input", "Cette clé d'idempotence a déjà servi pour une autre requête ; utilisez une nouvelle clé.");
  }
  return { dossier: JSON.parse(stored.result) as DossierView, replayed: true };
}

/** What makes two requests "the same" for idempotency: the event, its input and the expected version. */
function fingerprintOf(event: string, input: unknown, expectedVersion: number | undefined): string {
  return createHash("sha256").update(canonicalJson({ event, input: input ?? {}, expectedVersion: expectedVersion ?? null })).digest("hex");
}

export async function sendEvent(ctx: EngineContext, dossierId: string, event: string, input: unknown, actor: Actor, options: SendOptions = {}): Promise<SendResult> {
  const key = options.idempotencyKey;
  if (key !== undefined && !/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw new Refusal("input", "La clé d'idempotence doit compter de 8 à 128 caractères (lettres, chiffres, _ . : -).");
  }
  const fingerprint = fingerprintOf(event, input, options.expectedVersion);
  if (key) {
    const earlier = await replay(ctx, dossierId, actor, key, fingerprint);
    if (earlier) return earlier;
  }
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const dossier = await applyEvent(ctx, trx, dossierId, event, input, actor, options.expectedVersion);
      if (key) {
        await saveIdempotentResult(trx, { actor_id: actor.id, key, fingerprint, dossier_id: dossierId, result: JSON.stringify(dossier), created_at: ctx.clock().toISOString() });
      }
      return { dossier, replayed: false };
    });
  } catch (error) {
    // The same request may have won concurrently: then this one is its retry.
    if (key) {
      const earlier = await replay(ctx, dossierId, actor, key, fingerprint);
      if (earlier) return earlier;
    }
    throw error;
  }
}
