/** The pending requests to join the organisation, each accepted or refused by a « Responsable ». */
import { useApi } from "../../api/hooks";
import { api } from "../../api/http";
import type { JoinRequest } from "../../api/types";
import { ProblemAlert } from "../../components/problem-alert";
import { formatDateTime } from "../../format";

type Props = { organisationId: string; onDecided: (what: string) => void; onError: (e: unknown) => void };

export function JoinRequests({ organisationId, onDecided, onError }: Props) {
  const requests = useApi<{ items: JoinRequest[] }>(`/api/organisations/${encodeURIComponent(organisationId)}/join-requests`);
  async function decide(r: JoinRequest, decision: "approve" | "refuse") {
    try {
      await api("POST", `/api/join-requests/${encodeURIComponent(r.id)}/decision`, { decision });
      requests.reload();
      onDecided(decision === "approve" ? `${r.displayName} a rejoint l'organisation.` : `La demande de ${r.displayName} est refusée.`);
    } catch (e) {
      onError(e);
    }
  }
  const items = requests.data?.items ?? [];
  return (
    <section aria-labelledby="requests-title" className="fr-mb-6w">
      <h2 id="requests-title">Demandes pour rejoindre l'organisation</h2>
      <ProblemAlert error={requests.error} headingLevel={3} />
      {items.length === 0 ? <p>Aucune demande en attente.</p> : (
        <ul className="fr-raw-list">
          {items.map((r) => (
            <li key={r.id} className="guichet-item fr-mb-2w">
              <h3 className="fr-h6 fr-mb-1w">{r.displayName} — {r.email}</h3>
              <p className="fr-text--sm fr-mb-1w">Demande du {formatDateTime(r.createdAt)}</p>
              {r.message ? <blockquote className="fr-mb-2w">{r.message}</blockquote> : null}
              <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                <li><button type="button" className="fr-btn" aria-label={`Accepter la demande de ${r.displayName}`} onClick={() => void decide(r, "approve")}>Accepter</button></li>
                <li><button type="button" className="fr-btn fr-btn--secondary" aria-label={`Refuser la demande de ${r.displayName}`} onClick={() => void decide(r, "refuse")}>Refuser</button></li>
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
