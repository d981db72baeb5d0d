/** Sign-in: email and password, the server's refusal shown as is (rate limits included). */
import { useState, type FormEvent } from "react";
import { useLocation, useSearch } from "wouter";
import { ProblemAlert } from "../components/problem-alert";
import { useSession } from "../session";

export function LoginPage() {
  const { login } = useSession();
  const [, navigate] = useLocation();
  const search = useSearch();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await login(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
      const back = new URLSearchParams(search).get("retour");
      navigate(back && back.startsWith("/") && !back.startsWith("//") ? back : "/");
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
        <ProblemAlert error={error} autoFocus />
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
              </div>
            </div>
            <div className="fr-fieldset__element">
              <button className="fr-btn" type="submit" disabled={busy}>{busy ? "Connexion…" : "Se connecter"}</button>
            </div>
          </fieldset>
        </form>
        <p className="fr-text--sm">Pas encore de compte ? Les comptes sont créés sur invitation de l'administration départementale.</p>
      </div>
    </div>
  );
}
