/**
 * Joining an organisation already on Guichet: find it by its SIRET, then ask
 * its « Responsables » (with a message); they accept or refuse by email.
 */
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/http";
import { ErrorSummary } from "../../components/error-summary";
import { TextAreaField, TextField, SubmitButton } from "../../components/form-fields";
import { ProblemAlert } from "../../components/problem-alert";
import { SuccessAlert } from "../../components/success-alert";
import { only, useForm } from "../../components/use-form";
import { formatSiret, normaliseSiret } from "../../labels";

type Found = { id: string; name: string; territoryCode: string };

export function JoinOrganisation({ siret, onSiret }: { siret: string; onSiret: (siret: string) => void }) {
  const search = useForm();
  const ask = useForm();
  const [found, setFound] = useState<Found | null>(null);
  const [sent, setSent] = useState(false);

  async function lookup(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = normaliseSiret(siret);
    setFound(null);
    const check = only({ siret: digits === "" ? "Saisissez le numéro SIRET de l'organisation." : /^\d{14}$/.test(digits) ? undefined : "Le numéro SIRET compte 14 chiffres." });
    await search.submit(check, async () => {
      setFound(await api<Found>("GET", `/api/organisations/lookup?siret=${encodeURIComponent(digits)}`));
    });
  }

  async function request(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!found) return;
    const message = String(new FormData(event.currentTarget).get("message") ?? "").trim();
    const ok = await ask.submit({}, async () => {
      await api("POST", `/api/organisations/${encodeURIComponent(found.id)}/join-requests`, message ? { message } : {});
    });
    if (ok) setSent(true);
  }

  const unknown = search.error instanceof ApiError && search.error.status === 404;
  if (sent && found) {
    return (
      <section aria-labelledby="join-title">
        <h2 id="join-title">Rejoindre une organisation</h2>
        <SuccessAlert title="Demande envoyée, en attente de la réponse des responsables" headingLevel={3}>
          <p>Les responsables de {found.name} ont reçu votre demande par courriel. Vous serez prévenu(e) de leur réponse.</p>
        </SuccessAlert>
      </section>
    );
  }
  return (
    <section aria-labelledby="join-title">
      <h2 id="join-title">Rejoindre une organisation</h2>
      <p>Votre organisation est déjà sur Guichet : demandez à ses responsables de vous y ajouter.</p>
      <ErrorSummary errors={search.summary} idPrefix="join" headingLevel={3} />
      {unknown ? (
        <div className="fr-alert fr-alert--info fr-mb-3w" role="status">
          <h3 className="fr-alert__title">Aucune organisation avec ce SIRET</h3>
          <p>Vérifiez le numéro, ou déclarez l'organisation avec le formulaire « Créer l'organisation ».</p>
        </div>
      ) : <ProblemAlert error={search.error} autoFocus headingLevel={3} />}
      <form onSubmit={(e) => void lookup(e)} aria-labelledby="join-legend" noValidate>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend" id="join-legend">Rechercher l'organisation</legend>
          <div className="fr-fieldset__element">
            <TextField prefix="join" name="siret" inputMode="numeric" autoComplete="off" required label="Numéro SIRET de l'organisation" hint="14 chiffres, avec ou sans espaces."
              value={siret} onChange={(v) => { onSiret(v); setFound(null); }} error={search.fields.siret} />
          </div>
          <div className="fr-fieldset__element">
            <SubmitButton busy={search.busy} busyLabel="Recherche…" secondary>Rechercher</SubmitButton>
          </div>
        </fieldset>
      </form>
      {found ? (
        <form onSubmit={(e) => void request(e)} aria-labelledby="ask-legend" noValidate>
          <ProblemAlert error={ask.error} autoFocus headingLevel={3} />
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend" id="ask-legend">{found.name} (SIRET {formatSiret(normaliseSiret(siret))})</legend>
            <div className="fr-fieldset__element">
              <TextAreaField prefix="join" name="message" label="Message aux responsables (facultatif)" hint="Par exemple votre fonction dans l'organisation." maxLength={1000} error={ask.fields.message} />
            </div>
            <div className="fr-fieldset__element">
              <SubmitButton busy={ask.busy} busyLabel="Envoi…">Demander à rejoindre</SubmitButton>
            </div>
          </fieldset>
        </form>
      ) : null}
    </section>
  );
}
