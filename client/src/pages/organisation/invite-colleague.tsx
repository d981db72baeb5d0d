/**
 * A « Responsable » invites a colleague by email; the pending invitations are
 * listed under the form.
 */
import { useRef, useState, type FormEvent } from "react";
import { api } from "../../api/http";
import type { OrganisationInvitation } from "../../api/types";
import { ErrorSummary } from "../../components/error-summary";
import { TextField, SubmitButton } from "../../components/form-fields";
import { ProblemAlert } from "../../components/problem-alert";
import { SuccessAlert } from "../../components/success-alert";
import { checks, only, useForm } from "../../components/use-form";
import { formatDateTime } from "../../format";

type Props = { organisationId: string; invitations: OrganisationInvitation[]; onInvited: () => void };

export function InviteColleague({ organisationId, invitations, onInvited }: Props) {
  const form = useForm();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const ref = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setSentTo(null);
    const ok = await form.submit(only({ email: checks.email(email) }), async () => {
      await api("POST", `/api/organisations/${encodeURIComponent(organisationId)}/invitations`, { email });
    });
    if (ok) {
      ref.current?.reset();
      setSentTo(email);
      onInvited();
    }
  }

  const pending = invitations.filter((i) => !i.status || i.status === "pending");
  return (
    <section aria-labelledby="invite-title" className="fr-mb-6w">
      <h2 id="invite-title">Inviter un ou une collègue</h2>
      {sentTo ? <SuccessAlert title="Invitation envoyée" headingLevel={3}><p>{sentTo} a reçu un lien, valable 7 jours, pour créer son compte et rejoindre l'organisation.</p></SuccessAlert> : null}
      <ErrorSummary errors={form.summary} idPrefix="invite" headingLevel={3} />
      <ProblemAlert error={form.error} autoFocus headingLevel={3} />
      <form ref={ref} onSubmit={(e) => void submit(e)} aria-labelledby="invite-legend" noValidate>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend" id="invite-legend">La personne à inviter</legend>
          <div className="fr-fieldset__element">
            <TextField prefix="invite" name="email" type="email" autoComplete="off" required label="Adresse électronique" hint="Format attendu : nom@domaine.fr" error={form.fields.email} />
          </div>
          <div className="fr-fieldset__element">
            <SubmitButton busy={form.busy} busyLabel="Envoi…">Envoyer l'invitation</SubmitButton>
          </div>
        </fieldset>
      </form>
      {pending.length > 0 ? (
        <div className="fr-table guichet-table-wrap">
          <table>
            <caption>Invitations en attente</caption>
            <thead><tr><th scope="col">Adresse électronique</th><th scope="col">Valable jusqu'au</th></tr></thead>
            <tbody>{pending.map((i) => <tr key={i.id}><td>{i.email}</td><td>{formatDateTime(i.expiresAt)}</td></tr>)}</tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
