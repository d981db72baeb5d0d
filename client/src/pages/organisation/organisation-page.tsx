/**
 * « Mon organisation » for managers. Without one: create it or ask to join
 * it (or, while a request is pending, see it and withdraw it). With one: its details and members; a « Responsable » invites, removes,
 * hands over and answers join requests; a member may leave.
 */
import { useState } from "react";
import { Link } from "wouter";
import { useApi } from "../../api/hooks";
import { api } from "../../api/http";
import type { OrganisationMembers, OwnJoinRequest, Territory } from "../../api/types";
import { ConfirmButton } from "../../components/confirm-button";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { SuccessAlert } from "../../components/success-alert";
import { formatSiret, LEGAL_STATUS_LABELS } from "../../labels";
import { useSession } from "../../session";
import { CreateOrganisation } from "./create-organisation";
import { InviteColleague } from "./invite-colleague";
import { JoinOrganisation } from "./join-organisation";
import { JoinRequests } from "./join-requests";
import { MembersTable } from "./members-table";
import { PendingJoinRequest } from "./pending-join-request";

export default function OrganisationPage() {
  const { account } = useSession();
  if (!account) return null;
  return account.organisationId ? <MyOrganisation organisationId={account.organisationId} key={account.organisationId} /> : <NoOrganisation />;
}

function NoOrganisation() {
  const [siret, setSiret] = useState("");
  const mine = useApi<{ item: OwnJoinRequest | null }>("/api/join-requests/mine");
  if (mine.loading && !mine.data) return <><h1>Mon organisation</h1><Loading /></>;
  if (mine.data?.item) {
    return (
      <>
        <h1>Mon organisation</h1>
        <PendingJoinRequest request={mine.data.item} onWithdrawn={() => mine.reload()} />
      </>
    );
  }
  return (
    <>
      <h1>Mon organisation</h1>
      <ProblemAlert error={mine.error} />
      <p>Pour déposer une candidature, votre compte doit être rattaché à l'organisation qui la porte. Deux possibilités :</p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-6"><CreateOrganisation onTaken={(s) => { setSiret(s); requestAnimationFrame(() => document.getElementById("join_siret")?.focus()); }} /></div>
        <div className="fr-col-12 fr-col-lg-6"><JoinOrganisation siret={siret} onSiret={setSiret} /></div>
      </div>
    </>
  );
}

function MyOrganisation({ organisationId }: { organisationId: string }) {
  const { account, refresh } = useSession();
  const members = useApi<OrganisationMembers>(`/api/organisations/${encodeURIComponent(organisationId)}/members`);
  const territories = useApi<{ items: Territory[] }>("/api/territories");
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!account) return null;
  if (members.loading && !members.data) return <><h1>Mon organisation</h1><Loading /></>;
  if (!members.data) return <><h1>Mon organisation</h1><ProblemAlert error={members.error} /></>;
  const { organisation, items } = members.data;
  const owner = account.organisationRole === "owner";
  const territory = territories.data?.items.find((t) => t.code === organisation.territoryCode);
  const changed = (what: string, handedOver = false) => {
    setError(null);
    setDone(what);
    members.reload();
    if (handedOver) void refresh();
  };
  const failed = (e: unknown) => { setDone(null); setError(e); };

  return (
    <>
      <h1>Mon organisation</h1>
      {done ? <SuccessAlert title="C'est fait">{<p>{done}</p>}</SuccessAlert> : null}
      <ProblemAlert error={error} autoFocus />
      <section aria-labelledby="details-title" className="fr-mb-6w">
        <h2 id="details-title">{organisation.name}</h2>
        <dl className="guichet-kv">
          <dt>Numéro SIRET</dt><dd>{formatSiret(organisation.siret)}</dd>
          <dt>Statut juridique</dt><dd>{organisation.legalStatus ? LEGAL_STATUS_LABELS[organisation.legalStatus] : "—"}</dd>
          <dt>Territoire</dt><dd>{territory ? `${territory.name} (${territory.code})` : organisation.territoryCode}</dd>
          <dt>Votre rôle</dt><dd>{owner ? "Responsable" : "Membre"}</dd>
        </dl>
        <p><Link href="/">Voir les dossiers de l'organisation</Link></p>
      </section>
      <section aria-labelledby="members-title" className="fr-mb-6w">
        <h2 id="members-title">Membres</h2>
        <MembersTable organisationId={organisationId} members={items} meId={account.id} owner={owner} onChanged={changed} onError={failed} />
      </section>
      {owner ? (
        <>
          <InviteColleague organisationId={organisationId} invitations={members.data.invitations ?? []} onInvited={() => members.reload()} />
          <JoinRequests organisationId={organisationId} onDecided={changed} onError={failed} />
        </>
      ) : (
        <section aria-labelledby="leave-title">
          <h2 id="leave-title">Quitter l'organisation</h2>
          <p>Vous n'aurez plus accès à ses dossiers. Vous pourrez ensuite créer ou rejoindre une autre organisation.</p>
          <ConfirmButton label="Quitter l'organisation" className="fr-btn fr-btn--secondary" question={`Quitter ${organisation.name} ? Vous n'aurez plus accès à ses dossiers.`} confirmLabel="Confirmer le départ"
            onConfirm={async () => {
              try {
                await api("DELETE", `/api/organisations/${encodeURIComponent(organisationId)}/members/${encodeURIComponent(account.id)}`);
                await refresh();
              } catch (e) {
                failed(e);
              }
            }} />
        </section>
      )}
    </>
  );
}
