/**
 * The link of an invitation email: who invites the person, with which role
 * and for which organisation or territory; then a name and a password, and
 * the person arrives on their home page.
 */
import type { InvitationPreview } from "../../api/types";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { ROLE_LABELS } from "../../labels";
import { DeadLink } from "./link-problem";
import { linkTokenPage, useLinkLookup } from "./link-token-page";
import { NewAccountForm } from "./new-account-form";

// A new link opened in the same tab starts the page afresh.
export default linkTokenPage(Invitation);

function Invitation({ token }: { token: string | null }) {
  const { found: invitation, lookup } = useLinkLookup<InvitationPreview>(token, "/api/invitations/inspect");

  const where = invitation?.organisationName ? `pour l'organisation ${invitation.organisationName}` : invitation?.territoryName ? `pour le territoire ${invitation.territoryName}` : "";
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Accepter l'invitation</h1>
        {lookup === "dead" ? <DeadLink again="/connexion" againLabel="Aller à la page de connexion" /> : <ProblemAlert error={lookup} />}
        {invitation === null ? (lookup ? null : <Loading label="Vérification de l'invitation…" />) : (
          <>
            <div className="fr-callout fr-mb-4w">
              <p className="fr-callout__text">Vous êtes invité(e) à rejoindre Guichet avec le rôle « {ROLE_LABELS[invitation.role]} » {where}.</p>
            </div>
            <NewAccountForm prefix="invitation" token={token} path="/api/invitations/accept" next="/" email={invitation.email}
              emailHint="Celle qui a reçu l'invitation ; elle servira à vous connecter." nameHint="Il apparaît dans l'historique des dossiers." />
          </>
        )}
      </div>
    </div>
  );
}
