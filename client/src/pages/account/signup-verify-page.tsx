/**
 * The link of the sign-up email: shows the address it was sent to, then the
 * person gives a name and chooses a password; the account is opened and the
 * next step is the organisation.
 */
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { DeadLink } from "./link-problem";
import { linkTokenPage, useLinkLookup } from "./link-token-page";
import { NewAccountForm } from "./new-account-form";

// A new link opened in the same tab starts the page afresh.
export default linkTokenPage(SignupVerify);

function SignupVerify({ token }: { token: string | null }) {
  const { found, lookup } = useLinkLookup<{ email: string }>(token, "/api/signup/inspect");

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Créer un compte</h1>
        {lookup === "dead" ? <DeadLink again="/inscription" againLabel="Recevoir un nouveau lien" /> : <ProblemAlert error={lookup} />}
        {found === null ? (lookup ? null : <Loading label="Vérification du lien…" />) : (
          <>
            <p>Votre adresse est vérifiée. Il reste à dire qui vous êtes et à choisir votre mot de passe.</p>
            <NewAccountForm prefix="verify" token={token} path="/api/signup/complete" next="/organisation" email={found.email}
              emailHint="Celle à laquelle le lien a été envoyé ; elle servira à vous connecter."
              nameHint="Vos collègues et les services instructeurs le verront dans l'historique des dossiers." />
          </>
        )}
      </div>
    </div>
  );
}
