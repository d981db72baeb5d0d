/**
 * SQL for identities from an OpenID provider (provider, subject → account)
 * and for the pending invitation of an address, which is what lets a
 * provider's sign-in create a staff account.
 */
import { sql, type Selectable } from "kysely";
import type { Executor } from "./dossier-store";
import type { IdentityTable } from "./schema";
import type { InvitationRow } from "./account-store";

/** Who invited, in `invitations.invited_by`, when it is an operator rather than an account. */
export const OPERATOR_INVITER = "operator";

export type IdentityRow = Selectable<IdentityTable>;

export function findIdentity(db: Executor, provider: string, subject: string): Promise<IdentityRow | undefined> {
  return db.selectFrom("identities").selectAll().where("provider", "=", provider).where("subject", "=", subject).executeTakeFirst();
}

export async function insertIdentity(db: Executor, row: IdentityTable): Promise<void> {
  await db.insertInto("identities").values(row).execute();
}

/** Records a sign-in through an identity, with the address the provider gave this time. */
export async function touchIdentity(db: Executor, provider: string, subject: string, email: string, at: string): Promise<void> {
  await db.updateTable("identities").set({ email, last_login_at: at }).where("provider", "=", provider).where("subject", "=", subject).execute();
}

/**
 * The invitation of an address that a provider's sign-in uses: among those
 * neither used, revoked nor expired, first the staff's (a staff role, or a
 * manager invited by an admin or by the operator), then the ones an
 * organisation's owner sent; among equals the newest.
 */
export function findPendingInvitationFor(db: Executor, email: string, now: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitations as i").leftJoin("accounts as inviter", "inviter.id", "i.invited_by").selectAll("i")
    .where("i.email", "=", email).where("i.used_at", "is", null).where("i.revoked_at", "is", null).where("i.expires_at", ">", now)
    .orderBy(sql`case when i.role <> 'manager' or i.invited_by = ${OPERATOR_INVITER} or inviter.role = 'admin' then 0 else 1 end`)
    .orderBy("i.created_at", "desc").orderBy("i.id").executeTakeFirst();
}
