/**
 * The admin invites a person into the territory by email: administration,
 * instruction or committee; or a manager, for one of the territory's
 * organisations. The link goes by email only.
 */
import { useRef, useState, type FormEvent } from "react";
import { api } from "../../api/http";
import type { Organisation, Role } from "../../api/types";
import { ErrorSummary } from "../../components/error-summary";
import { SelectField, TextField, SubmitButton } from "../../components/form-fields";
import { ProblemAlert } from "../../components/problem-alert";
import { SuccessAlert } from "../../components/success-alert";
import { checks, only, useForm } from "../../components/use-form";
import { formatDateTime } from "../../format";
import { ROLE_LABELS } from "../../labels";

const ROLES: Role[] = ["admin", "instructor", "committee", "manager"];

export function AdminInviteForm({ organisations, onInvited }: { organisations: Organisation[]; onInvited: () => void }) {
  const form = useForm();
  const [role, setRole] = useState("");
  const [sent, setSent] = useState<{ email: string; expiresAt: string } | null>(null);
  const ref = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const organisationId = String(data.get("organisationId") ?? "");
    setSent(null);
    const check = only({
      email: checks.email(email),
      role: role ? undefined : "Choisissez le rôle de la personne.",
      organisationId: role === "manager" && !organisationId ? "Choisissez l'organisation de la personne." : undefined,
    });
    const ok = await form.submit(check, async () => {
      const answer = await api<{ email: string; expiresAt: string }>("POST", "/api/invitations", { email, role, ...(role === "manager" ? { organisationId } : {}) });
      setSent({ email: answer.email ?? email, expiresAt: answer.expiresAt });
    });
    if (ok) {
      ref.current?.reset();
      setRole("");
      onInvited();
    }
  }

  return (
    <section aria-labelledby="admin-invite-title" className="fr-mb-6w">
      <h2 id="admin-invite-title">Inviter une personne</h2>
      {sent ? <SuccessAlert title="Invitation envoyée" headingLevel={3}><p>{sent.email} a reçu un lien pour créer son compte, valable jusqu'au {formatDateTime(sent.expiresAt)}.</p></SuccessAlert> : null}
      <ErrorSummary errors={form.summary} idPrefix="admin-invite" headingLevel={3} />
      <ProblemAlert error={form.error} autoFocus headingLevel={3} />
      <form ref={ref} onSubmit={(e) => void submit(e)} aria-labelledby="admin-invite-legend" noValidate>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend" id="admin-invite-legend">La personne et son rôle</legend>
          <div className="fr-fieldset__element">
            <TextField prefix="admin-invite" name="email" type="email" autoComplete="off" required label="Adresse électronique" hint="Format attendu : nom@domaine.fr" error={form.fields.email} />
          </div>
          <div className="fr-fieldset__element">
            <SelectField prefix="admin-invite" name="role" required label="Rôle" value={role} onChange={setRole} error={form.fields.role}
              options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </div>
          {role === "manager" ? (
            <div className="fr-fieldset__element">
              <SelectField prefix="admin-invite" name="organisationId" required label="Organisation" hint="L'organisation pour laquelle la personne déposera des candidatures."
                options={organisations.map((o) => ({ value: o.id, label: o.name }))} error={form.fields.organisationId} />
            </div>
          ) : null}
          <div className="fr-fieldset__element">
            <SubmitButton busy={form.busy} busyLabel="Envoi…">Envoyer l'invitation</SubmitButton>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
