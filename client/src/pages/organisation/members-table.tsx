/**
 * The organisation's members: name, address and role; a « Responsable » may
 * remove a member or hand the responsibility over (both confirmed first).
 */
import { api } from "../../api/http";
import type { Member } from "../../api/types";
import { ConfirmButton } from "../../components/confirm-button";
import { ORGANISATION_ROLE_LABELS } from "../../labels";

type Props = { organisationId: string; members: Member[]; meId: string; owner: boolean; onChanged: (what: string, handedOver?: boolean) => void; onError: (e: unknown) => void };

export function MembersTable({ organisationId, members, meId, owner, onChanged, onError }: Props) {
  const base = `/api/organisations/${encodeURIComponent(organisationId)}`;
  const run = (action: () => Promise<unknown>, what: string, handedOver = false) => async () => {
    try {
      await action();
      onChanged(what, handedOver);
    } catch (e) {
      onError(e);
    }
  };
  return (
    <div className="fr-table fr-table--no-caption guichet-table-wrap">
      <table>
        <caption>Membres de l'organisation</caption>
        <thead>
          <tr><th scope="col">Nom</th><th scope="col">Adresse électronique</th><th scope="col">Rôle</th>{owner ? <th scope="col">Actions</th> : null}</tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.accountId}>
              <td>{m.displayName}{m.accountId === meId ? " (vous)" : ""}</td>
              <td>{m.email}</td>
              <td>{ORGANISATION_ROLE_LABELS[m.organisationRole] ?? m.organisationRole}</td>
              {owner ? (
                <td>
                  {m.accountId === meId ? null : (
                    <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                      <li>
                        <ConfirmButton label={`Retirer ${m.displayName}`} question={`Retirer ${m.displayName} de l'organisation ? Cette personne n'aura plus accès aux dossiers.`} confirmLabel="Confirmer le retrait"
                          onConfirm={run(() => api("DELETE", `${base}/members/${encodeURIComponent(m.accountId)}`), `${m.displayName} ne fait plus partie de l'organisation.`)} />
                      </li>
                      {m.organisationRole === "member" ? (
                        <li>
                          <ConfirmButton label={`Confier la responsabilité à ${m.displayName}`} question={`Confier la responsabilité de l'organisation à ${m.displayName} ? Vous en deviendrez simple membre.`} confirmLabel="Confirmer la passation"
                            onConfirm={run(() => api("POST", `${base}/ownership`, { accountId: m.accountId }), `${m.displayName} est désormais responsable de l'organisation.`, true)} />
                        </li>
                      ) : null}
                    </ul>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
