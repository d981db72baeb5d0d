/**
 * SQL for identities from an OpenID provider (provider, subject → account)
 * and for the pending invitation of an address, which is what lets a
 * provider's sign-in create a staff account.
 */
import type { Selectable } from "kysely";
import type { Executor } from "./dossier-store";
import type { IdentityTable } from "./schema";
import type { InvitationRow } from "./account-store";

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

/** The latest invitation of an address that is neither used, revoked nor expired. */
export function findPendingInvitationFor(db: Executor, email: string, now: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitations").selectAll()
    .where("email", "=", email).where("used_at", "is", null).where("revoked_at", "is", null).where("expires_at", ">", now)
    .orderBy("created_at", "desc").executeTakeFirst();
}
