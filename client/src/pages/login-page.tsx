/**
 * Sign-in: email and password, the server's refusal shown as is (rate limits
 * included); ProConnect when the server offers it, with its refusals (the
 * `?erreur=` of its callback) in French; links to sign up and to reset.
 */
import { SubmitButton } from "../components/form-fields";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { useState, type FormEvent } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { useApi } from "../api/hooks";
import type { AuthProviders } from "../api/types";
import { ProblemAlert } from "../components/problem-alert";
import { useSession } from "../session";

const PROCONNECT_ERRORS: Record<string, { title: string; detail: string }> = {
  proconnect_compte_inconnu: { title: "Aucun compte Guichet pour cette adresse", detail: "ProConnect vous a bien identifié(e), mais aucun compte ni invitation ne correspond à votre adresse. Demandez une invitation à l'administration de votre territoire, ou créez un compte." },
  proconnect_etat: { title: "La connexion avec ProConnect n'a pas abouti", detail: "La demande a expiré ou a été ouverte dans un autre onglet. Recommencez la connexion." },
  proconnect_compte_desactive: { title: "Votre compte Guichet est désactivé", detail: "Contactez l'administration de votre territoire pour le faire réactiver." },
  proconnect_trop_de_tentatives: { title: "Trop de tentatives de connexion", detail: "Trop de tentatives depuis cette adresse : réessayez dans quelques minutes." },
  proconnect_annule: { title: "La connexion avec ProConnect a été annulée", detail: "Vous pouvez recommencer, ou vous connecter avec votre adresse et votre mot de passe." },
  proconnect_indisponible: { title: "ProConnect est momentanément indisponible", detail: "Réessayez dans quelques minutes, ou connectez-vous avec votre adresse et votre mot de passe." },
};

/** Where to go after signing in: a path of this site only. */
function safeBack(search: string): string {
  const back = new URLSearchParams(search).get("retour");
  return back && back.startsWith("/") && !back.startsWith("//") && !back.startsWith("/\\") ? back : "/";
}

export function LoginPage() {
  const { login } = useSession();
  const [, navigate] = useLocation();
  const search = useSearch();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const providers = useApi<AuthProviders>("/api/auth/providers");
  const code = new URLSearchParams(search).get("erreur");
  const refusal = code ? PROCONNECT_ERRORS[code] ?? { title: "La connexion n'a pas abouti", detail: "Recommencez, ou connectez-vous avec votre adresse et votre mot de passe." } : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await login(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
      navigate(safeBack(search));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Guichet</h1>
        {refusal && !error ? (
          <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
            <h2 className="fr-alert__title">{refusal.title}</h2>
            <p>{refusal.detail}</p>
          </div>
        ) : null}
        <ProblemAlert error={error} autoFocus />
        {providers.data?.proconnect ? (
          <section aria-labelledby="proconnect-title" className="fr-mb-4w">
            <h2 id="proconnect-title" className="fr-h5">Agents publics et professionnels</h2>
            <ProConnectButton url={`/api/auth/proconnect/login?retour=${encodeURIComponent(safeBack(search))}`} />
            <p className="fr-hr-or">ou</p>
          </section>
        ) : null}
        <form onSubmit={(e) => void submit(e)} aria-labelledby="login-legend">
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend" id="login-legend">Se connecter avec son compte</legend>
            <div className="fr-fieldset__element">
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="email">Adresse électronique<span className="fr-hint-text">Format attendu : nom@domaine.fr</span></label>
                <input className="fr-input" id="email" name="email" type="email" autoComplete="username" required />
              </div>
            </div>
            <div className="fr-fieldset__element">
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="password">Mot de passe</label>
                <input className="fr-input" id="password" name="password" type="password" autoComplete="current-password" required />
                <p className="fr-mt-1w fr-mb-0"><Link className="fr-link fr-link--sm" href="/mot-de-passe/oubli">Mot de passe oublié ?</Link></p>
              </div>
            </div>
            <div className="fr-fieldset__element">
              <SubmitButton busy={busy} busyLabel="Connexion…">Se connecter</SubmitButton>
            </div>
          </fieldset>
        </form>
        <hr className="fr-mt-4w" />
        <h2 className="fr-h5">Vous n'avez pas de compte ?</h2>
        <p className="fr-text--sm">Les organisations qui déposent des candidatures créent leur compte elles-mêmes. Les services instructeurs et les comités sont invités par l'administration de leur territoire.</p>
        <ul className="fr-btns-group fr-btns-group--inline">
          <li><Link className="fr-btn fr-btn--secondary" href="/inscription">Créer un compte</Link></li>
        </ul>
      </div>
    </div>
  );
}
