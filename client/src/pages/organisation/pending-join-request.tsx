/**
 * A manager without organisation whose request to join one is still
 * unanswered: what was asked and when, and a way to withdraw it (to ask
 * another organisation, or to create one instead).
 */
import { useState } from "react";
import { api } from "../../api/http";
import type { OwnJoinRequest } from "../../api/types";
import { ProblemAlert } from "../../components/problem-alert";
import { formatDate } from "../../format";

export function PendingJoinRequest({ request, onWithdrawn }: { request: OwnJoinRequest; onWithdrawn: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      await api("DELETE", `/api/join-requests/${encodeURIComponent(request.id)}`);
      onWithdrawn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">Votre demande pour rejoindre une organisation</h2>
      <ProblemAlert error={error} autoFocus headingLevel={3} />
      <div className="fr-alert fr-alert--info fr-mb-3w" role="status">
        <h3 className="fr-alert__title">Demande envoyée à {request.organisationName} le {formatDate(request.createdAt)} — en attente</h3>
        <p>Ses responsables ont été prévenus par courriel ; vous le serez de leur réponse. Pour rejoindre une autre organisation ou créer la vôtre, retirez d'abord cette demande.</p>
      </div>
      <button className="fr-btn fr-btn--secondary" type="button" disabled={busy} onClick={() => void withdraw()}>{busy ? "Retrait…" : "Retirer ma demande"}</button>
    </section>
  );
}
