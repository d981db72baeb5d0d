/**
 * Appends an event to a dossier's audit chain, inside the caller's
 * transaction (after the dossier row is written, so concurrent writers of the
 * same dossier are already serialised by its version check).
 */
import type { RuleResult } from "../../workflows/types";
import { auditHash, GENESIS_HASH, type AuditPayload } from "../engine/audit-hash";
import { diff } from "../engine/data-diff";
import type { Actor } from "../engine/decide-transition";
import type { Executor } from "../store/dossier-store";
import { insertAuditEvent, lastAuditEvent } from "../store/event-store";

export type AuditEntry = {
  dossierId: string;
  at: Date;
  actor: Actor;
  event: string;
  fromState: string | null;
  toState: string;
  input: unknown;
  ruleResults: RuleResult[];
  before: unknown;
  after: unknown;
};

export async function appendAudit(trx: Executor, entry: AuditEntry): Promise<void> {
  const last = await lastAuditEvent(trx, entry.dossierId);
  const payload: AuditPayload = {
    dossierId: entry.dossierId,
    seq: (last?.seq ?? 0) + 1,
    at: entry.at.toISOString(),
    actorId: entry.actor.id,
    actorRole: entry.actor.role,
    event: entry.event,
    fromState: entry.fromState,
    toState: entry.toState,
    input: JSON.stringify(entry.input ?? {}),
    ruleResults: JSON.stringify(entry.ruleResults.map((r) => ({ name: r.name, status: r.status }))),
    dataDiff: JSON.stringify(diff(entry.before, entry.after)),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await insertAuditEvent(trx, {
    dossier_id: payload.dossierId, seq: payload.seq, at: payload.at, actor_id: payload.actorId, actor_role: payload.actorRole,
    event: payload.event, from_state: payload.fromState, to_state: payload.toState, input: payload.input,
    rule_results: payload.ruleResults, data_diff: payload.dataDiff, prev_hash: prevHash, hash: auditHash(prevHash, payload),
  });
}
