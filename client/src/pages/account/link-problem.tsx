/** What a person sees when an email link is incomplete, used or expired: why, and where to ask for a new one. */
import { Link } from "wouter";

export function DeadLink({ again, againLabel }: { again: string; againLabel: string }) {
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w">
      <h2 className="fr-alert__title">Ce lien n'est plus valable</h2>
      <p>Il a peut-être déjà servi, expiré, ou n'a pas été copié en entier. <Link href={again}>{againLabel}</Link></p>
    </div>
  );
}
