/**
 * The form of a new account opened from an email link (sign-up or
 * invitation): the address the link was sent to (read only), the person's
 * name, the password and its confirmation; checked before sending, then the
 * token, name and password are POSTed, the session adopted and the person
 * taken to `next`.
 */
import type { FormEvent } from "react";
import { useLocation } from "wouter";
import { api } from "../../api/http";
import type { SessionAnswer } from "../../api/types";
import { ErrorSummary } from "../../components/error-summary";
import { TextField, SubmitButton } from "../../components/form-fields";
import { ProblemAlert } from "../../components/problem-alert";
import { checks, only, useForm } from "../../components/use-form";
import { useSession } from "../../session";
import { checkPasswords, PasswordFields } from "./password-fields";

type Props = {
  /** The ids' prefix (`${prefix}_email`, `${prefix}-legend`) and the error summary's. */
  prefix: string;
  token: string | null;
  /** Where the token, name and password are POSTed. */
  path: string;
  /** Where the person goes once signed in. */
  next: string;
  email: string;
  emailHint: string;
  nameHint: string;
};

export function NewAccountForm({ prefix, token, path, next, email, emailHint, nameHint }: Props) {
  const { adopt } = useSession();
  const [, navigate] = useLocation();
  const form = useForm();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const displayName = String(data.get("displayName") ?? "").trim();
    const check = { ...only({ displayName: checks.required(displayName, "Saisissez votre prénom et votre nom.") }), ...checkPasswords(data) };
    await form.submit(check, async () => {
      adopt(await api<SessionAnswer>("POST", path, { token, displayName, password: String(data.get("password")) }));
      navigate(next);
    });
  }

  return (
    <>
      <ErrorSummary errors={form.summary} idPrefix={prefix} />
      <ProblemAlert error={form.error} autoFocus />
      <form onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-legend`} noValidate>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend" id={`${prefix}-legend`}>Votre compte</legend>
          <div className="fr-fieldset__element">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor={`${prefix}_email`}>Adresse électronique<span className="fr-hint-text">{emailHint}</span></label>
              <input className="fr-input" id={`${prefix}_email`} name="email" type="email" autoComplete="username" value={email} readOnly />
            </div>
          </div>
          <div className="fr-fieldset__element">
            <TextField prefix={prefix} name="displayName" autoComplete="name" required label="Prénom et nom" hint={nameHint} error={form.fields.displayName} />
          </div>
          <PasswordFields prefix={prefix} errors={form.fields} />
          <div className="fr-fieldset__element">
            <SubmitButton busy={form.busy} busyLabel="Création…">Créer mon compte</SubmitButton>
          </div>
        </fieldset>
      </form>
    </>
  );
}
