/**
 * « Créer un compte »: the address only. The answer is the same whether or
 * not the address already has an account (the email says which), so the page
 * always asks to read one's mail.
 */
import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import { api } from "../../api/http";
import { ErrorSummary } from "../../components/error-summary";
import { TextField } from "../../components/form-fields";
import { ProblemAlert } from "../../components/problem-alert";
import { SuccessAlert } from "../../components/success-alert";
import { checks, only, useForm } from "../../components/use-form";

export default function SignupPage() {
  const form = useForm();
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    await form.submit(only({ email: checks.email(email) }), async () => {
      await api("POST", "/api/signup", { email });
      setSentTo(email);
    });
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Créer un compte</h1>
        {sentTo ? (
          <SuccessAlert title="Consultez votre messagerie">
            <p>Un message vient d'être envoyé à {sentTo}. Il contient un lien, valable 24 heures, pour choisir votre mot de passe. Pensez à regarder dans les courriers indésirables.</p>
          </SuccessAlert>
        ) : (
          <>
            <p>Un compte permet de déposer et de suivre les candidatures de votre organisation (association, collectivité, entreprise…). Les comptes des services instructeurs et des comités sont créés sur invitation.</p>
            <ErrorSummary errors={form.summary} idPrefix="signup" />
            <ProblemAlert error={form.error} autoFocus />
            <form onSubmit={(e) => void submit(e)} aria-labelledby="signup-legend" noValidate>
              <fieldset className="fr-fieldset">
                <legend className="fr-fieldset__legend" id="signup-legend">Votre adresse électronique</legend>
                <div className="fr-fieldset__element">
                  <TextField prefix="signup" name="email" type="email" autoComplete="email" required label="Adresse électronique"
                    hint="Format attendu : nom@domaine.fr. Nous y enverrons un lien pour choisir votre mot de passe." error={form.fields.email} />
                </div>
                <div className="fr-fieldset__element">
                  <button className="fr-btn" type="submit" disabled={form.busy}>{form.busy ? "Envoi…" : "Recevoir le lien"}</button>
                </div>
              </fieldset>
            </form>
          </>
        )}
        <p className="fr-text--sm">Vous avez déjà un compte ? <Link href="/connexion">Se connecter</Link></p>
      </div>
    </div>
  );
}
