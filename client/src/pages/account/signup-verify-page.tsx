/**
 * The link of the sign-up email: shows the address it was sent to, then the
 * person gives a name and chooses a password; the account is opened and the
 * next step is the organisation.
 */
import { useEffect, useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { api, ApiError } from "../../api/http";
import type { SessionAnswer } from "../../api/types";
import { ErrorSummary } from "../../components/error-summary";
import { TextField } from "../../components/form-fields";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { checks, only, useForm } from "../../components/use-form";
import { useHashToken } from "../../components/use-hash-token";
import { useSession } from "../../session";
import { DeadLink } from "./link-problem";
import { checkPasswords, PasswordFields } from "./password-fields";

export default function SignupVerifyPage() {
  const token = useHashToken();
  // A new link opened in the same tab starts the page afresh.
  return <SignupVerify key={token ?? ""} token={token} />;
}

function SignupVerify({ token }: { token: string | null }) {
  const { adopt } = useSession();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState<string | null>(null);
  const [lookup, setLookup] = useState<unknown>(token ? null : "dead");
  const form = useForm();

  useEffect(() => {
    if (!token) return;
    api<{ email: string }>("POST", "/api/signup/inspect", { token })
      .then((a) => setEmail(a.email))
      .catch((e: unknown) => setLookup(e instanceof ApiError && (e.status === 404 || e.status === 400 || e.status === 422) ? "dead" : e));
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const displayName = String(data.get("displayName") ?? "").trim();
    const check = { ...only({ displayName: checks.required(displayName, "Saisissez votre prénom et votre nom.") }), ...checkPasswords(data) };
    await form.submit(check, async () => {
      adopt(await api<SessionAnswer>("POST", "/api/signup/complete", { token, displayName, password: String(data.get("password")) }));
      navigate("/organisation");
    });
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Créer un compte</h1>
        {lookup === "dead" ? <DeadLink again="/inscription" againLabel="Recevoir un nouveau lien" /> : <ProblemAlert error={lookup} />}
        {email === null ? (lookup ? null : <Loading label="Vérification du lien…" />) : (
          <>
            <p>Votre adresse est vérifiée. Il reste à dire qui vous êtes et à choisir votre mot de passe.</p>
            <ErrorSummary errors={form.summary} idPrefix="verify" />
            <ProblemAlert error={form.error} autoFocus />
            <form onSubmit={(e) => void submit(e)} aria-labelledby="verify-legend" noValidate>
              <fieldset className="fr-fieldset">
                <legend className="fr-fieldset__legend" id="verify-legend">Votre compte</legend>
                <div className="fr-fieldset__element">
                  <div className="fr-input-group">
                    <label className="fr-label" htmlFor="verify_email">Adresse électronique<span className="fr-hint-text">Celle à laquelle le lien a été envoyé ; elle servira à vous connecter.</span></label>
                    <input className="fr-input" id="verify_email" name="email" type="email" autoComplete="username" value={email} readOnly />
                  </div>
                </div>
                <div className="fr-fieldset__element">
                  <TextField prefix="verify" name="displayName" autoComplete="name" required label="Prénom et nom"
                    hint="Vos collègues et les services instructeurs le verront dans l'historique des dossiers." error={form.fields.displayName} />
                </div>
                <PasswordFields prefix="verify" errors={form.fields} />
                <div className="fr-fieldset__element">
                  <button className="fr-btn" type="submit" disabled={form.busy}>{form.busy ? "Création…" : "Créer mon compte"}</button>
                </div>
              </fieldset>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
