/**
 * Which Guichet account a provider's identity signs in to. Staff are never
 * provisioned by the provider alone: the identity (provider, subject) already
 * linked → its account; else the verified address of an existing account →
 * that account, and the identity is linked; else a pending invitation for the
 * address → the account is created from it (as accepting it would, without a
 * password) and the invitation is used; else refused. One transaction.
 */
import { uuidv7 } from "../dossiers/context";
import type { Db } from "../store/database";
import { findAccount, findAccountByEmail, insertAccount, useInvitation, type AccountRow } from "../store/account-store";
import { findIdentity, findPendingInvitationFor, insertIdentity, touchIdentity } from "../store/identity-store";
import { ProConnectRefusal } from "./proconnect-errors";

export type ProviderIdentity = {
  provider: string;
  subject: string;
  email: string | undefined;
  /** The provider's email_verified; undefined when it does not say (see the README: ProConnect's addresses are trusted). */
  emailVerified: boolean | undefined;
  displayName: string | undefined;
};

function usable(account: AccountRow): AccountRow {
  if (account.status !== "active") throw new ProConnectRefusal("proconnect_compte_desactive");
  return account;
}

export async function linkAccount(db: Db, identity: ProviderIdentity, now: Date): Promise<AccountRow> {
  const at = now.toISOString();
  const email = identity.email?.trim().toLowerCase() ?? "";
  return db.kysely.transaction().execute(async (trx) => {
    const known = await findIdentity(trx, identity.provider, identity.subject);
    if (known) {
      const account = await findAccount(trx, known.account_id);
      if (!account) throw new ProConnectRefusal("proconnect_compte_inconnu");
      await touchIdentity(trx, identity.provider, identity.subject, email || known.email, at);
      return usable(account);
    }
    // An address the provider says is not verified never links nor provisions anything.
    if (!email || identity.emailVerified === false) throw new ProConnectRefusal("proconnect_compte_inconnu");
    const link = (accountId: string) => insertIdentity(trx, {
      provider: identity.provider, subject: identity.subject, account_id: accountId, email, created_at: at, last_login_at: at,
    });
    const existing = await findAccountByEmail(trx, email);
    if (existing) {
      await link(usable(existing).id);
      return existing;
    }
    const invitation = await findPendingInvitationFor(trx, email, at);
    if (!invitation || !(await useInvitation(trx, invitation.id, at))) throw new ProConnectRefusal("proconnect_compte_inconnu");
    const row: AccountRow = {
      id: uuidv7(), email, display_name: identity.displayName?.trim() || email.split("@")[0]!, password_hash: null, role: invitation.role,
      territory_code: invitation.territory_code, organisation_id: invitation.organisation_id,
      organisation_role: invitation.organisation_id ? invitation.organisation_role ?? "member" : null, status: "active", created_at: at,
    };
    await insertAccount(trx, row);
    await link(row.id);
    return row;
  });
}
