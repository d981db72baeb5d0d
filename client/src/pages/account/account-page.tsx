/**
 * « Mon compte »: who the person is for Guichet (name, address, role, and
 * organisation or territory), and a change of password.
 */
import { useRef, useState, type FormEvent } from "react";
import { Link } from "wouter";
import { useApi } from "../../api/hooks";
import { api } from "../../api/http";
import type { Organisation, Territory } from "../../api/types";
import { ErrorSummary } from "../../components/error-summary";
import { TextField, SubmitButton } from "../../components/form-fields";
import { ProblemAlert } from "../../components/problem-alert";
import { SuccessAlert } from "../../components/success-alert";
import { checks, only, useForm } from "../../components/use-form";
import { ORGANISATION_ROLE_LABELS, ROLE_LABELS } from "../../labels";
import { useSession } from "../../session";
import { checkPasswords, PasswordFields } from "./password-fields";

export default function AccountPage() {
  const { account } = useSession();
  const organisations = useApi<{ items: Organisation[] }>(account?.organisationId ? "/api/organisations" : null);
  const territories = useApi<{ items: Territory[] }>("/api/territories");
  const form = useForm();
  const [changed, setChanged] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  if (!account) return null;
  const organisation = organisations.data?.items.find((o) => o.id === account.organisationId);
  const territory = territories.data?.items.find((t) => t.code === account.territoryCode);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const currentPassword = String(data.get("currentPassword") ?? "");
    setChanged(false);
    const check = { ...only({ currentPassword: checks.required(currentPassword, "Saisissez votre mot de passe actuel.") }), ...checkPasswords(data, "newPassword") };
    const ok = await form.submit(check, async () => {
      await api("PUT", "/api/auth/password", { currentPassword, newPassword: String(data.get("newPassword")) });
    });
    if (ok) {
      formRef.current?.reset();
      setChanged(true);
    }
  }

  return (
    <>
      <h1>Mon compte</h1>
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="me-title">
          <h2 id="me-title">Mes informations</h2>
          <dl className="guichet-kv">
            <dt>Nom</dt><dd>{account.displayName}</dd>
            <dt>Adresse électronique</dt><dd>{account.email}</dd>
            <dt>Rôle</dt><dd>{ROLE_LABELS[account.role]}{account.organisationRole ? ` — ${ORGANISATION_ROLE_LABELS[account.organisationRole]} de l'organisation` : ""}</dd>
            {account.role === "manager" ? (
              <><dt>Organisation</dt><dd>{account.organisationId ? <Link href="/organisation">{organisation?.name ?? "Mon organisation"}</Link> : <>Aucune — <Link href="/organisation">créer ou rejoindre une organisation</Link></>}</dd></>
            ) : null}
            {account.territoryCode ? <><dt>Territoire</dt><dd>{territory ? `${territory.name} (${territory.code})` : account.territoryCode}</dd></> : null}
          </dl>
        </section>
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="password-title">
          <h2 id="password-title">Changer de mot de passe</h2>
          {changed ? <SuccessAlert title="Mot de passe modifié" headingLevel={3}><p>Vos autres sessions ouvertes ont été fermées.</p></SuccessAlert> : null}
          <ErrorSummary errors={form.summary} idPrefix="password" headingLevel={3} />
          <ProblemAlert error={form.error} autoFocus headingLevel={3} />
          <form ref={formRef} onSubmit={(e) => void submit(e)} aria-labelledby="password-legend" noValidate>
            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend fr-sr-only" id="password-legend">Changer de mot de passe</legend>
              <input type="email" name="username" autoComplete="username" value={account.email} readOnly hidden />
              <div className="fr-fieldset__element">
                <TextField prefix="password" name="currentPassword" type="password" autoComplete="current-password" required label="Mot de passe actuel" error={form.fields.currentPassword} />
              </div>
              <PasswordFields prefix="password" name="newPassword" errors={form.fields} label="Nouveau mot de passe" />
              <div className="fr-fieldset__element">
                <SubmitButton busy={form.busy} busyLabel="Enregistrement…">Changer de mot de passe</SubmitButton>
              </div>
            </fieldset>
          </form>
        </section>
      </div>
    </>
  );
}
