/** The autosave's state, announced politely; a conflict says what to do. */
import { ProblemAlert } from "../../components/problem-alert";
import type { SaveStatus } from "./use-draft";

export function SaveIndicator({ status }: { status: SaveStatus }) {
  if (status.kind === "conflict") {
    return (
      <div className="fr-alert fr-alert--warning fr-mb-2w" role="alert">
        <h2 className="fr-alert__title">Le dossier a été modifié ailleurs</h2>
        <p>Une autre session a enregistré ce dossier pendant votre saisie ; vos dernières modifications n'ont pas été enregistrées pour ne rien écraser. Rechargez la page pour repartir de la version enregistrée.</p>
        <button type="button" className="fr-btn fr-btn--sm fr-mt-1w" onClick={() => window.location.reload()}>Recharger le dossier</button>
      </div>
    );
  }
  if (status.kind === "error") return <ProblemAlert error={status.error} />;
  const text = status.kind === "saving" ? "Enregistrement…" : status.kind === "dirty" ? "Modifications en cours d'enregistrement"
    : status.at ? `Brouillon enregistré à ${status.at.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" })}` : "Brouillon enregistré";
  return <p className="fr-text--sm fr-mb-2w guichet-save" role="status" aria-live="polite" data-save-status={status.kind}>{text}</p>;
}
