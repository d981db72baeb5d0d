/**
 * Verifies every dossier's audit chain: sequence numbers without gaps, each
 * event linked to the previous hash, each hash matching its content. Names
 * the first broken link of each broken chain.
 */
import { auditHash, GENESIS_HASH } from "../engine/audit-hash";
import type { Executor } from "../store/dossier-store";
import { auditedDossierIds, auditEventsOf } from "../store/event-store";

export type BrokenLink = { dossierId: string; seq: number; reason: string };
export type AuditReport = { dossiers: number; events: number; broken: BrokenLink[] };

export async function verifyAudit(db: Executor): Promise<AuditReport> {
  const report: AuditReport = { dossiers: 0, events: 0, broken: [] };
  let after: string | null = null;
  for (;;) {
    const ids = await auditedDossierIds(db, after, 500);
    if (ids.length === 0) break;
    for (const dossierId of ids) {
      report.dossiers++;
      let prev = GENESIS_HASH;
      for (const [i, e] of (await auditEventsOf(db, dossierId)).entries()) {
        report.events++;
        const reason = e.seq !== i + 1 ? `numéro ${e.seq} au lieu de ${i + 1} (événement supprimé ou inséré)`
          : e.prev_hash !== prev ? "le lien vers l'événement précédent ne correspond pas"
          : e.hash !== auditHash(prev, {
            dossierId: e.dossier_id, seq: e.seq, at: e.at, actorId: e.actor_id, actorRole: e.actor_role, event: e.event,
            fromState: e.from_state, toState: e.to_state, input: e.input, ruleResults: e.rule_results, dataDiff: e.data_diff,
          }) ? "le contenu ne correspond plus à son empreinte (événement modifié)" : null;
        if (reason) {
          report.broken.push({ dossierId, seq: e.seq, reason });
          break;
        }
        prev = e.hash;
      }
    }
    after = ids[ids.length - 1]!;
  }
  return report;
}
