/**
 * The receipt of a submitted application: what was submitted, when, by
 * whom, and the fingerprint of the submission in the dossier's audit chain.
 */
import { Link } from "wouter";
import { useApi, useVersion } from "../../api/hooks";
import type { Dossier, HistoryEvent } from "../../api/types";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { formatDateTime } from "../../format";
import { dossierName, shortId } from "../../procedure-text";

export default function ReceiptPage({ id }: { id: string }) {
  const dossier = useApi<Dossier>(`/api/dossiers/${id}`);
  const history = useApi<{ items: HistoryEvent[] }>(`/api/dossiers/${id}/history`);
  const { procedure } = useVersion(dossier.data?.versionId);
  if (dossier.error || history.error) return <ProblemAlert error={dossier.error ?? history.error} />;
  if (!dossier.data || !history.data || !procedure) return <Loading />;
  const d = dossier.data;
  const submission = [...history.data.items].reverse().find((e) => e.event === procedure.actions.submit);
  if (!submission || !d.submittedAt) {
    return <div className="fr-alert fr-alert--info"><h1 className="fr-alert__title">Pas encore déposé</h1><p>Ce dossier n'a pas été déposé. <Link href={`/dossiers/${id}`}>Voir le dossier</Link></p></div>;
  }
  return (
    <>
      <div className="fr-alert fr-alert--success fr-mb-4w">
        <h1 className="fr-alert__title">Votre candidature est déposée</h1>
        <p>Conservez ce récépissé. Vous suivrez l'instruction de votre dossier depuis « Mes dossiers ».</p>
      </div>
      <h2 className="fr-h4">Récépissé de dépôt</h2>
      <dl className="guichet-kv">
        <dt>Procédure</dt><dd>{procedure.title}</dd>
        <dt>Dossier</dt><dd>{dossierName(d, procedure)} — n° {shortId(d.id)}</dd>
        <dt>Identifiant complet</dt><dd><code>{d.id}</code></dd>
        <dt>Déposé le</dt><dd>{formatDateTime(d.submittedAt, procedure.timeZone)}</dd>
        <dt>État</dt><dd>{d.stateLabel}</dd>
        <dt>Version de la procédure</dt><dd><code>{d.versionId.slice(0, 16)}</code></dd>
        <dt>Empreinte du dépôt (SHA-256)</dt><dd><code>{submission.hash}</code></dd>
      </dl>
      <ul className="fr-btns-group fr-btns-group--inline guichet-noprint">
        <li><button type="button" className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-printer-line" onClick={() => window.print()}>Imprimer</button></li>
        <li><Link className="fr-btn" href={`/dossiers/${id}`}>Voir mon dossier</Link></li>
      </ul>
    </>
  );
}
