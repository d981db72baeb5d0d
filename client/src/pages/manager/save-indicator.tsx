/**
 * The autosave's state. Only "saved at hh:mm" is a status message read out
 * (at most once a minute, whatever the typing); "saving…" is only shown.
 * A failure is an alert; a conflict says what to do.
 */
import { useRef } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import type { SaveStatus } from "./use-draft";

export function SaveIndicator({ status }: { status: SaveStatus }) {
  const saved = useRef("Brouillon enregistré");
  if (status.kind === "saved" && status.at) saved.current = `Brouillon enregistré à ${status.at.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" })}`;
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
  const pending = status.kind === "saving" ? "Enregistrement…" : status.kind === "dirty" ? "Modifications en cours d'enregistrement" : null;
  return (
    <p className="fr-text--sm fr-mb-2w guichet-save" data-save-status={status.kind}>
      <span role="status" className={pending ? "fr-sr-only" : undefined}>{saved.current}</span>
      {pending ? <span>{pending}</span> : null}
    </p>
  );
}
