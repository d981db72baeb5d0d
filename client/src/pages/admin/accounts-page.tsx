/**
 * « Comptes et invitations » of the admin workspace: the territory's
 * accounts (disable, enable), its invitations (resend, revoke) and the
 * invite form.
 */
import { useState, type ReactNode } from "react";
import { Link } from "wouter";
import { useApi } from "../../api/hooks";
import { api } from "../../api/http";
import type { AccountSummary, Invitation, Organisation } from "../../api/types";
import { ConfirmButton } from "../../components/confirm-button";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { SuccessAlert } from "../../components/success-alert";
import { formatDateTime } from "../../format";
import { INVITATION_STATUS_LABELS, ROLE_LABELS } from "../../labels";
import { useSession } from "../../session";
import { AdminInviteForm } from "./admin-invite-form";

export default function AccountsPage() {
  const { account: me } = useSession();
  const accounts = useApi<{ items: AccountSummary[] }>("/api/accounts");
  const invitations = useApi<{ items: Invitation[] }>("/api/invitations");
  const organisations = useApi<{ items: Organisation[] }>("/api/organisations");
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const orgName = (id: string | null) => (id ? organisations.data?.items.find((o) => o.id === id)?.name ?? "—" : "");

  async function act(action: () => Promise<unknown>, what: string, reload: () => void) {
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(what);
      reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      <nav className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li><Link className="fr-breadcrumb__link" href="/admin">Administration</Link></li>
          <li><a className="fr-breadcrumb__link" aria-current="page">Comptes et invitations</a></li>
        </ol>
      </nav>
      <h1>Comptes et invitations</h1>
      {done ? <SuccessAlert title="C'est fait"><p>{done}</p></SuccessAlert> : null}
      <ProblemAlert error={error ?? accounts.error ?? invitations.error} autoFocus={!!error} />
      <AdminInviteForm organisations={organisations.data?.items ?? []} onInvited={() => invitations.reload()} />
      <TableSection id="invitations-title" className="fr-mb-6w" title="Invitations" caption="Invitations du territoire"
        head={["Adresse électronique", "Rôle", "Valable jusqu'au", "État", "Actions"]}
        loading={invitations.loading && !invitations.data} empty={(invitations.data?.items.length ?? 0) === 0 ? <p>Aucune invitation.</p> : null}
        rows={() => invitations.data!.items.map((i) => (
          <tr key={i.id}>
            <td>{i.email}</td>
            <td>{ROLE_LABELS[i.role] ?? i.role}{i.organisationId ? ` — ${orgName(i.organisationId)}` : ""}</td>
            <td>{formatDateTime(i.expiresAt)}</td>
            <td><p className={`fr-badge fr-badge--sm${i.status === "pending" ? " fr-badge--info" : i.status === "used" ? " fr-badge--success" : ""}`}>{INVITATION_STATUS_LABELS[i.status] ?? i.status}</p></td>
            <td>
              {i.status === "pending" || i.status === "expired" ? (
                <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                  <li><button type="button" className="fr-btn fr-btn--secondary" aria-label={`Renvoyer l'invitation de ${i.email}`}
                    onClick={() => void act(() => api("POST", `/api/invitations/${encodeURIComponent(i.id)}/resend`, {}), `Nouvelle invitation envoyée à ${i.email} ; l'ancien lien ne fonctionne plus.`, invitations.reload)}>Renvoyer</button></li>
                  {i.status === "pending" ? (
                    <li><ConfirmButton label={`Révoquer l'invitation de ${i.email}`} className="fr-btn fr-btn--tertiary" question={`Révoquer l'invitation de ${i.email} ? Son lien ne fonctionnera plus.`} confirmLabel="Confirmer la révocation"
                      onConfirm={() => act(() => api("DELETE", `/api/invitations/${encodeURIComponent(i.id)}`), `L'invitation de ${i.email} est révoquée.`, invitations.reload)} /></li>
                  ) : null}
                </ul>
              ) : null}
            </td>
          </tr>
        ))} />
      <TableSection id="accounts-title" title="Comptes du territoire" caption="Comptes du territoire"
        head={["Nom", "Adresse électronique", "Rôle", "État", "Action"]}
        loading={accounts.loading && !accounts.data}
        rows={() => (accounts.data?.items ?? []).map((a) => (
          <tr key={a.id}>
            <td>{a.displayName}</td>
            <td>{a.email}</td>
            <td>{ROLE_LABELS[a.role] ?? a.role}{a.organisationId ? ` — ${orgName(a.organisationId)}` : ""}</td>
            <td><p className={`fr-badge fr-badge--sm${a.status === "active" ? " fr-badge--success" : " fr-badge--error"}`}>{a.status === "active" ? "Actif" : "Désactivé"}</p></td>
            <td>
              {a.id === me?.id ? "Vous" : a.status === "active" ? (
                <ConfirmButton label={`Désactiver ${a.displayName}`} question={`Désactiver le compte de ${a.displayName} ? Ses sessions seront fermées.`} confirmLabel="Confirmer la désactivation"
                  onConfirm={() => act(() => api("PUT", `/api/accounts/${encodeURIComponent(a.id)}/status`, { status: "disabled" }), `Le compte de ${a.displayName} est désactivé.`, accounts.reload)} />
              ) : (
                <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary"
                  onClick={() => void act(() => api("PUT", `/api/accounts/${encodeURIComponent(a.id)}/status`, { status: "active" }), `Le compte de ${a.displayName} est réactivé.`, accounts.reload)}>Réactiver {a.displayName}</button>
              )}
            </td>
          </tr>
        ))} />
    </>
  );
}

type TableSectionProps = { id: string; title: string; className?: string; caption: string; head: string[]; loading: boolean; empty?: ReactNode; rows: () => ReactNode };

/** A section of the page: its heading, then « loading », `empty` when there is nothing to list, or the table (caption for screen readers, column headings, rows). */
function TableSection({ id, title, className, caption, head, loading, empty, rows }: TableSectionProps) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id}>{title}</h2>
      {loading ? <Loading /> : empty ?? (
        <div className="fr-table fr-table--no-caption guichet-table-wrap">
          <table>
            <caption>{caption}</caption>
            <thead><tr>{head.map((h) => <th scope="col" key={h}>{h}</th>)}</tr></thead>
            <tbody>{rows()}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
