/**
 * An organisation's people: the list (members and staff of its territory
 * read it; owners also see pending invitations), inviting by email (the same
 * answer whether or not the address has an account; counted per hour), removing a member or
 * leaving, and handing the ownership over. An organisation always keeps an
 * owner: membership changes lock its row, then count.
 */
import type { PublicAccount } from "../auth/accounts";
import { issueInvitation } from "../auth/issue-invitation";
import { enforceLimit } from "../auth/rate-limit";
import { Refusal } from "../engine/decide-transition";
import { findAccount, findAccountByEmail } from "../store/account-store";
import type { Executor } from "../store/dossier-store";
import { countOwners, detachAccount, listMembers, lockOrganisation, pendingOrganisationInvitations, setOrganisationRole } from "../store/organisation-store";
import { checkReader, loadOrganisation, requireOwner, toOrganisationView, type OrganisationView } from "./access";
import type { Deps } from "./join-requests";
import { invitationToExistingAccountEmail } from "./organisation-emails";
import { invitationEmail } from "../auth/invitation-email";
import { findTerritory } from "../store/territory-store";

/** Each invitation sends an email: at most this many per organisation and hour. */
export const INVITATIONS_PER_HOUR = 30;

export type MembersView = {
  organisation: OrganisationView;
  items: Array<{ accountId: string; displayName: string; email: string; organisationRole: "owner" | "member" }>;
  invitations: Array<{ id: string; email: string; createdAt: string; expiresAt: string }>;
};

async function membersView(db: Executor, account: PublicAccount, organisationId: string, now: Date): Promise<MembersView> {
  const org = await loadOrganisation(db, organisationId);
  checkReader(account, org);
  const owner = account.role === "manager" && (await findAccount(db, account.id))?.organisation_role === "owner";
  return {
    organisation: toOrganisationView(org),
    items: (await listMembers(db, org.id)).map((m) => ({ accountId: m.id, displayName: m.display_name, email: m.email, organisationRole: m.organisation_role === "owner" ? "owner" : "member" })),
    invitations: owner ? (await pendingOrganisationInvitations(db, org.id, now.toISOString())).map((i) => ({ id: i.id, email: i.email, createdAt: i.created_at, expiresAt: i.expires_at })) : [],
  };
}

export function organisationMembers(deps: Deps, account: PublicAccount, organisationId: string): Promise<MembersView> {
  return membersView(deps.db.kysely, account, organisationId, deps.clock());
}

/** An owner invites an address to join as a member: an invitation row and its email, in one transaction. */
export async function inviteMember(deps: Deps, account: PublicAccount, organisationId: string, email: string, origin: string): Promise<{ id: string; email: string; expiresAt: string }> {
  const now = deps.clock();
  const address = email.trim().toLowerCase();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const org = await loadOrganisation(trx, organisationId);
    const inviter = await requireOwner(trx, account.id, org.id);
    await enforceLimit(trx, `organisation-invitations:${org.id}`, { max: INVITATIONS_PER_HOUR, windowMinutes: 60 }, now,
      `Pas plus de ${INVITATIONS_PER_HOUR} invitations par heure pour une organisation : réessayez plus tard.`);
    const hasAccount = Boolean(await findAccountByEmail(trx, address));
    const territoryName = (await findTerritory(trx, org.territory_code))?.name ?? org.territory_code;
    const { row } = await issueInvitation(trx, {
      email: address, role: "manager", territoryCode: org.territory_code, organisationId: org.id, organisationRole: "member", invitedBy: inviter.id, replaces: "organisation",
      mail: (token) => hasAccount
        ? invitationToExistingAccountEmail({ organisationName: org.name, inviterName: inviter.display_name, url: `${origin}/organisation` })
        : { kind: "organisation_invitation", ...invitationEmail({ origin, token, role: "manager", organisationName: org.name, inviterName: inviter.display_name, territoryName }) },
    }, now);
    return { id: row.id, email: address, expiresAt: row.expires_at };
  });
}

/** An owner removes a member, or a member leaves (accountId = oneself); never the last owner. */
export async function removeMember(deps: Deps, account: PublicAccount, organisationId: string, accountId: string): Promise<void> {
  await deps.db.kysely.transaction().execute(async (trx) => {
    const org = await loadOrganisation(trx, organisationId);
    if (!(await lockOrganisation(trx, org.id))) throw new Refusal("not_found", "Organisation introuvable.");
    if (accountId === account.id) {
      const self = await findAccount(trx, account.id);
      if (!self || self.organisation_id !== org.id) throw new Refusal("forbidden", "Vous ne faites pas partie de cette organisation.");
    } else {
      await requireOwner(trx, account.id, org.id);
    }
    const target = await findAccount(trx, accountId);
    if (!target || target.organisation_id !== org.id) throw new Refusal("not_found", "Cette personne ne fait pas partie de l'organisation.");
    if (target.organisation_role === "owner" && target.status === "active" && (await countOwners(trx, org.id)) <= 1) {
      throw new Refusal("input", "L'organisation doit garder au moins un propriétaire : transmettez d'abord la propriété à un autre membre.");
    }
    await detachAccount(trx, target.id, org.id);
  });
}

/** An owner hands the ownership over to a member: the member becomes owner, the caller a member. */
export async function handOver(deps: Deps, account: PublicAccount, organisationId: string, accountId: string): Promise<MembersView> {
  await deps.db.kysely.transaction().execute(async (trx) => {
    const org = await loadOrganisation(trx, organisationId);
    await lockOrganisation(trx, org.id);
    await requireOwner(trx, account.id, org.id);
    const target = await findAccount(trx, accountId);
    if (accountId === account.id || !target || target.organisation_id !== org.id || target.status !== "active") {
      throw new Refusal("input", "Choisissez un autre membre actif de l'organisation.", [{ code: "field", message: "membre de l'organisation requis", pointers: ["/accountId"] }]);
    }
    await setOrganisationRole(trx, target.id, org.id, "owner");
    await setOrganisationRole(trx, account.id, org.id, "member");
  });
  return membersView(deps.db.kysely, account, organisationId, deps.clock());
}
