/**
 * Which Guichet account a provider's identity signs in to. Staff are never
 * provisioned by the provider alone: the identity (provider, subject) already
 * linked → its account; else the verified address of an existing account →
 * that account, and the identity is linked; else a pending invitation for the
 * address → the account is created from it (as accepting it would, without a
 * password) and the invitation is used; else refused. One transaction.
 * Two first sign-ins of the same identity at once: the second one's insert
 * (or use of the invitation) loses, and its lookup is run once more, which
 * then finds the identity the first one linked.
 */
import { isUniqueViolation } from "../dossiers/context";
import type { Db } from "../store/database";
import { findAccount, findAccountByEmail, type AccountRow } from "../store/account-store";
import { findIdentity, findPendingInvitationFor, insertIdentity, touchIdentity } from "../store/identity-store";
import { accountFromInvitation } from "./invitation-account";
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

/** Lost a race with a concurrent sign-in of the same identity (its lookup is worth running again). */
class Raced extends Error {}

export async function linkAccount(db: Db, identity: ProviderIdentity, now: Date): Promise<AccountRow> {
  try {
    return await linkOnce(db, identity, now);
  } catch (error) {
    if (!(error instanceof Raced) && !isUniqueViolation(error)) throw error;
    try {
      return await linkOnce(db, identity, now);
    } catch (again) {
      if (again instanceof Raced) throw new ProConnectRefusal("proconnect_compte_inconnu");
      throw again;
    }
  }
}

async function linkOnce(db: Db, identity: ProviderIdentity, now: Date): Promise<AccountRow> {
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
    if (!invitation) throw new ProConnectRefusal("proconnect_compte_inconnu");
    const row = await accountFromInvitation(trx, invitation, { displayName: identity.displayName?.trim() || email.split("@")[0]!, passwordHash: null, now });
    // Pending a moment ago, used or the address taken now: another sign-in got there first.
    if (row === "dead" || row === "taken") throw new Raced();
    await link(row.id);
    return row;
  });
}
