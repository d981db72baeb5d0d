/**
 * « Mot de passe oublié ? »: the address only; the same answer whether or not
 * it has an account, so the page always asks to read one's mail.
 */
import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import { api } from "../../api/http";
import { ErrorSummary } from "../../components/error-summary";
import { TextField } from "../../components/form-fields";
import { ProblemAlert } from "../../components/problem-alert";
import { SuccessAlert } from "../../components/success-alert";
import { checks, only, useForm } from "../../components/use-form";

export default function ForgotPasswordPage() {
  const form = useForm();
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    await form.submit(only({ email: checks.email(email) }), async () => {
      await api("POST", "/api/password/forgot", { email });
      setSentTo(email);
    });
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Mot de passe oublié</h1>
        {sentTo ? (
          <SuccessAlert title="Consultez votre messagerie">
            <p>Si un compte existe pour {sentTo}, un message vient de lui être envoyé avec un lien, valable une heure, pour choisir un nouveau mot de passe.</p>
          </SuccessAlert>
        ) : (
          <>
            <p>Indiquez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
            <ErrorSummary errors={form.summary} idPrefix="forgot" />
            <ProblemAlert error={form.error} autoFocus />
            <form onSubmit={(e) => void submit(e)} aria-labelledby="forgot-legend" noValidate>
              <fieldset className="fr-fieldset">
                <legend className="fr-fieldset__legend" id="forgot-legend">Votre compte</legend>
                <div className="fr-fieldset__element">
                  <TextField prefix="forgot" name="email" type="email" autoComplete="username" required label="Adresse électronique"
                    hint="Format attendu : nom@domaine.fr" error={form.fields.email} />
                </div>
                <div className="fr-fieldset__element">
                  <button className="fr-btn" type="submit" disabled={form.busy}>{form.busy ? "Envoi…" : "Recevoir le lien"}</button>
                </div>
              </fieldset>
            </form>
          </>
        )}
        <p className="fr-text--sm"><Link href="/connexion">Retour à la connexion</Link></p>
      </div>
    </div>
  );
}
