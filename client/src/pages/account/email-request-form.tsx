/**
 * A page that asks for an email address only and sends it to the server,
 * which answers the same whether or not the address has an account; the
 * page then asks to read one's mail (a success alert that takes the focus).
 */
import { useState, type ReactNode, type FormEvent } from "react";
import { api } from "../../api/http";
import { ErrorSummary } from "../../components/error-summary";
import { TextField, SubmitButton } from "../../components/form-fields";
import { ProblemAlert } from "../../components/problem-alert";
import { SuccessAlert } from "../../components/success-alert";
import { checks, only, useForm } from "../../components/use-form";

type Props = {
  title: string;
  /** The ids' prefix (`${prefix}_email`, `${prefix}-legend`) and the error summary's. */
  prefix: string;
  /** Where the address is POSTed, as `{ email }`. */
  path: string;
  intro: ReactNode;
  legend: string;
  autoComplete: string;
  hint: string;
  /** What the success alert says, once sent. */
  sent: (email: string) => ReactNode;
  /** Under the form or the alert. */
  footer: ReactNode;
};

export function EmailRequestPage({ title, prefix, path, intro, legend, autoComplete, hint, sent, footer }: Props) {
  const form = useForm();
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    await form.submit(only({ email: checks.email(email) }), async () => {
      await api("POST", path, { email });
      setSentTo(email);
    });
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{title}</h1>
        {sentTo ? (
          <SuccessAlert title="Consultez votre messagerie">
            {sent(sentTo)}
          </SuccessAlert>
        ) : (
          <>
            {intro}
            <ErrorSummary errors={form.summary} idPrefix={prefix} />
            <ProblemAlert error={form.error} autoFocus />
            <form onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-legend`} noValidate>
              <fieldset className="fr-fieldset">
                <legend className="fr-fieldset__legend" id={`${prefix}-legend`}>{legend}</legend>
                <div className="fr-fieldset__element">
                  <TextField prefix={prefix} name="email" type="email" autoComplete={autoComplete} required label="Adresse électronique"
                    hint={hint} error={form.fields.email} />
                </div>
                <div className="fr-fieldset__element">
                  <SubmitButton busy={form.busy} busyLabel="Envoi…">Recevoir le lien</SubmitButton>
                </div>
              </fieldset>
            </form>
          </>
        )}
        {footer}
      </div>
    </div>
  );
}
