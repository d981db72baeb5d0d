/**
 * The manager's home: the open calls with their deadline (start an
 * application) and the organisation's dossiers with their state. Without an
 * organisation yet, the first step: create or join one.
 */
import { useState } from "react";
import { Link, useLocation } from "wouter";
import { useApi } from "../../api/hooks";
import { api } from "../../api/http";
import type { DossierPage, ProcedureSummary, SavedDossier } from "../../api/types";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { DossierTable } from "../../components/dossier-table";
import { formatDateTime } from "../../format";
import { useSession } from "../../session";

export default function ManagerHome() {
  const { account } = useSession();
  const member = !!account?.organisationId;
  const procedures = useApi<{ items: ProcedureSummary[]; now: string }>("/api/procedures");
  const dossiers = useApi<DossierPage>(member ? "/api/dossiers?limit=50" : null);
  const [, navigate] = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function start(procedureId: string) {
    setBusy(true);
    setError(null);
    try {
      const created = await api<SavedDossier>("POST", "/api/dossiers", { procedureId });
      navigate(`/dossiers/${created.dossier.id}/candidature`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  const now = procedures.data ? new Date(procedures.data.now).getTime() : Date.now();
  return (
    <>
      <h1>Mes dossiers</h1>
      <ProblemAlert error={error ?? procedures.error ?? dossiers.error} autoFocus={!!error} />
      {member ? null : (
        <div className="fr-callout fr-mb-6w">
          <h2 className="fr-callout__title">Rattachez votre compte à votre organisation</h2>
          <p className="fr-callout__text">Une candidature est déposée au nom d'une organisation (association, collectivité, entreprise…). Créez la vôtre sur Guichet, ou demandez à rejoindre celle de vos collègues.</p>
          <Link className="fr-btn" href="/organisation">Créer ou rejoindre une organisation</Link>
        </div>
      )}
      <section aria-labelledby="calls-title" className="fr-mb-6w">
        <h2 id="calls-title">Appels à candidatures</h2>
        {procedures.loading ? <Loading /> : null}
        <div className="fr-grid-row fr-grid-row--gutters">
          {(procedures.data?.items ?? []).map((p) => {
            const deadlines = Object.values(p.deadlines);
            const open = deadlines.every((d) => new Date(d.at).getTime() > now);
            return (
              <div key={p.id} className="fr-col-12 fr-col-md-6">
                <div className="fr-card fr-card--no-arrow">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h3 className="fr-card__title">{p.title}</h3>
                      <p className="fr-card__desc">{p.territory.name}</p>
                      <div className="fr-card__end">
                        {deadlines.map((d) => <p key={d.label} className="fr-card__detail">{d.label} : {formatDateTime(d.at, p.timeZone)}</p>)}
                        {!open ? <p className="fr-badge fr-badge--sm">Clos</p> : null}
                      </div>
                    </div>
                    <div className="fr-card__footer">
                      <button type="button" className="fr-btn" disabled={busy || !open || !member} onClick={() => void start(p.id)}>Déposer une candidature</button>
                    </div>
                  </div>
                </div>
              </div>
            );
          })}
        </div>
      </section>
      {member ? <section aria-labelledby="mine-title">
        <h2 id="mine-title">Dossiers de mon organisation</h2>
        {dossiers.loading ? <Loading /> : dossiers.data && dossiers.data.items.length > 0
          ? <DossierTable dossiers={dossiers.data.items} caption="Dossiers de mon organisation" />
          : <p>Aucun dossier pour l'instant. <Link href="/">Actualiser</Link></p>}
      </section> : null}
    </>
  );
}
