/**
 * The link of an invitation email: who invites the person, with which role
 * and for which organisation or territory; then a name and a password, and
 * the person arrives on their home page.
 */
import { useEffect, useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { api, ApiError } from "../../api/http";
import type { InvitationPreview, SessionAnswer } from "../../api/types";
import { ErrorSummary } from "../../components/error-summary";
import { TextField } from "../../components/form-fields";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { checks, only, useForm } from "../../components/use-form";
import { useHashToken } from "../../components/use-hash-token";
import { ROLE_LABELS } from "../../labels";
import { useSession } from "../../session";
import { DeadLink } from "./link-problem";
import { checkPasswords, PasswordFields } from "./password-fields";

export default function InvitationPage() {
  const token = useHashToken();
  // A new link opened in the same tab starts the page afresh.
  return <Invitation key={token ?? ""} token={token} />;
}

function Invitation({ token }: { token: string | null }) {
  const { adopt } = useSession();
  const [, navigate] = useLocation();
  const [invitation, setInvitation] = useState<InvitationPreview | null>(null);
  const [lookup, setLookup] = useState<unknown>(token ? null : "dead");
  const form = useForm();

  useEffect(() => {
    if (!token) return;
    api<InvitationPreview>("POST", "/api/invitations/inspect", { token })
      .then(setInvitation)
      .catch((e: unknown) => setLookup(e instanceof ApiError && (e.status === 404 || e.status === 400 || e.status === 422) ? "dead" : e));
  }, [token]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const displayName = String(data.get("displayName") ?? "").trim();
    const check = { ...only({ displayName: checks.required(displayName, "Saisissez votre prénom et votre nom.") }), ...checkPasswords(data) };
    await form.submit(check, async () => {
      adopt(await api<SessionAnswer>("POST", "/api/invitations/accept", { token, displayName, password: String(data.get("password")) }));
      navigate("/");
    });
  }

  const where = invitation?.organisationName ? `pour l'organisation ${invitation.organisationName}` : invitation?.territoryName ? `pour le territoire ${invitation.territoryName}` : "";
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Accepter l'invitation</h1>
        {lookup === "dead" ? <DeadLink again="/connexion" againLabel="Aller à la page de connexion" /> : <ProblemAlert error={lookup} />}
        {invitation === null ? (lookup ? null : <Loading label="Vérification de l'invitation…" />) : (
          <>
            <div className="fr-callout fr-mb-4w">
              <p className="fr-callout__text">Vous êtes invité(e) à rejoindre Guichet avec le rôle « {ROLE_LABELS[invitation.role]} » {where}.</p>
            </div>
            <ErrorSummary errors={form.summary} idPrefix="invitation" />
            <ProblemAlert error={form.error} autoFocus />
            <form onSubmit={(e) => void submit(e)} aria-labelledby="invitation-legend" noValidate>
              <fieldset className="fr-fieldset">
                <legend className="fr-fieldset__legend" id="invitation-legend">Votre compte</legend>
                <div className="fr-fieldset__element">
                  <div className="fr-input-group">
                    <label className="fr-label" htmlFor="invitation_email">Adresse électronique<span className="fr-hint-text">Celle qui a reçu l'invitation ; elle servira à vous connecter.</span></label>
                    <input className="fr-input" id="invitation_email" name="email" type="email" autoComplete="username" value={invitation.email} readOnly />
                  </div>
                </div>
                <div className="fr-fieldset__element">
                  <TextField prefix="invitation" name="displayName" autoComplete="name" required label="Prénom et nom"
                    hint="Il apparaît dans l'historique des dossiers." error={form.fields.displayName} />
                </div>
                <PasswordFields prefix="invitation" errors={form.fields} />
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
