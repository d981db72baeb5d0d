/**
 * Creating the organisation the account will apply for: its name, SIRET
 * (typed with or without spaces), legal status and territory. The creator
 * becomes its « Responsable ». A SIRET already registered points to joining.
 */
import { useRef, type FormEvent } from "react";
import { useApi } from "../../api/hooks";
import { api, ApiError } from "../../api/http";
import type { Account, LegalStatus, Organisation, Territory } from "../../api/types";
import { ErrorSummary } from "../../components/error-summary";
import { SelectField, TextField, SubmitButton } from "../../components/form-fields";
import { ProblemAlert } from "../../components/problem-alert";
import { checks, only, useForm } from "../../components/use-form";
import { LEGAL_STATUS_LABELS, normaliseSiret } from "../../labels";
import { useSession } from "../../session";

const LEGAL_STATUSES = Object.entries(LEGAL_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export function CreateOrganisation({ onTaken }: { onTaken: (siret: string) => void }) {
  const { update } = useSession();
  const territories = useApi<{ items: Territory[] }>("/api/territories");
  const form = useForm();
  const lastSiret = useRef("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const siret = normaliseSiret(String(data.get("siret") ?? ""));
    const legalStatus = String(data.get("legalStatus") ?? "") as LegalStatus;
    const territoryCode = String(data.get("territoryCode") ?? "");
    lastSiret.current = siret;
    const check = only({
      name: checks.required(name, "Saisissez le nom de l'organisation."),
      siret: siret === "" ? "Saisissez le numéro SIRET de l'organisation." : /^\d{14}$/.test(siret) ? undefined : "Le numéro SIRET compte 14 chiffres.",
      legalStatus: legalStatus ? undefined : "Choisissez le statut juridique.",
      territoryCode: territoryCode ? undefined : "Choisissez le territoire.",
    });
    await form.submit(check, async () => {
      const created = await api<{ organisation: Organisation; account: Account }>("POST", "/api/organisations", { name, siret, legalStatus, territoryCode });
      update(created.account);
    });
  }

  const taken = form.error instanceof ApiError && (form.error.problem.code === "siret_taken" || form.error.status === 409);
  return (
    <section aria-labelledby="create-title">
      <h2 id="create-title">Créer l'organisation</h2>
      <p>Votre organisation n'est pas encore sur Guichet : déclarez-la. Vous en serez responsable et pourrez inviter vos collègues.</p>
      <ErrorSummary errors={form.summary} idPrefix="create" headingLevel={3} />
      <ProblemAlert error={form.error ?? territories.error} autoFocus={!!form.error} headingLevel={3} />
      {taken ? (
        <p><button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => onTaken(lastSiret.current)}>Demander à rejoindre cette organisation</button></p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} aria-labelledby="create-legend" noValidate>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend" id="create-legend">L'organisation</legend>
          <div className="fr-fieldset__element">
            <TextField prefix="create" name="name" autoComplete="organization" required label="Nom de l'organisation" hint="Tel qu'il figure sur l'avis de situation au répertoire SIRENE." error={form.fields.name} />
          </div>
          <div className="fr-fieldset__element">
            <TextField prefix="create" name="siret" inputMode="numeric" autoComplete="off" required label="Numéro SIRET" hint="14 chiffres, avec ou sans espaces. Exemple : 123 456 789 01234" error={form.fields.siret} />
          </div>
          <div className="fr-fieldset__element">
            <SelectField prefix="create" name="legalStatus" required label="Statut juridique" options={LEGAL_STATUSES} error={form.fields.legalStatus} />
          </div>
          <div className="fr-fieldset__element">
            <SelectField prefix="create" name="territoryCode" required label="Territoire" hint="Le département où l'organisation dépose ses candidatures."
              options={(territories.data?.items ?? []).map((t) => ({ value: t.code, label: `${t.name} (${t.code})` }))} error={form.fields.territoryCode} />
          </div>
          <div className="fr-fieldset__element">
            <SubmitButton busy={form.busy} busyLabel="Création…">Créer l'organisation</SubmitButton>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
