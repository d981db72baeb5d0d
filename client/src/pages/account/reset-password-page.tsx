/**
 * The link of the reset email: a new password (twice), then the person is
 * signed in; the server closes the account's other sessions.
 */
import { SubmitButton } from "../../components/form-fields";
import type { FormEvent } from "react";
import { useLocation } from "wouter";
import { api, ApiError } from "../../api/http";
import type { SessionAnswer } from "../../api/types";
import { ErrorSummary } from "../../components/error-summary";
import { ProblemAlert } from "../../components/problem-alert";
import { useForm } from "../../components/use-form";
import { useSession } from "../../session";
import { DeadLink } from "./link-problem";
import { linkTokenPage } from "./link-token-page";
import { checkPasswords, PasswordFields } from "./password-fields";

// A new link opened in the same tab starts the page afresh.
export default linkTokenPage(ResetPassword);

function ResetPassword({ token }: { token: string | null }) {
  const { adopt } = useSession();
  const [, navigate] = useLocation();
  const form = useForm();
  const dead = !token || (form.error instanceof ApiError && form.error.status === 404);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    await form.submit(checkPasswords(data), async () => {
      adopt(await api<SessionAnswer>("POST", "/api/password/reset", { token, password: String(data.get("password")) }));
      navigate("/");
    });
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Nouveau mot de passe</h1>
        {dead ? <DeadLink again="/mot-de-passe/oubli" againLabel="Recevoir un nouveau lien" /> : (
          <>
            <p>Choisissez votre nouveau mot de passe. Vous serez ensuite connecté(e), et vos autres sessions seront fermées.</p>
            <ErrorSummary errors={form.summary} idPrefix="reset" />
            <ProblemAlert error={form.error} autoFocus />
            <form onSubmit={(e) => void submit(e)} aria-labelledby="reset-legend" noValidate>
              <fieldset className="fr-fieldset">
                <legend className="fr-fieldset__legend" id="reset-legend">Votre nouveau mot de passe</legend>
                <PasswordFields prefix="reset" errors={form.fields} label="Nouveau mot de passe" />
                <div className="fr-fieldset__element">
                  <SubmitButton busy={form.busy} busyLabel="Enregistrement…">Enregistrer et me connecter</SubmitButton>
                </div>
              </fieldset>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
