/**
 * SQL for an admin's view of invitations: the territory's list, a new token
 * (the row's id is the hash of the token in the link, so a new token is a new
 * id and the old link stops working), and revocation.
 */
import type { Executor } from "./dossier-store";
import type { InvitationRow } from "./account-store";

export function listInvitations(db: Executor, territoryCode: string): Promise<InvitationRow[]> {
  return db.selectFrom("invitations").selectAll().where("territory_code", "=", territoryCode).orderBy("created_at", "desc").orderBy("email").execute();
}

/** Gives a still open invitation a new token hash and expiry; false when it was used or revoked meanwhile. */
export async function renewInvitation(db: Executor, id: string, changes: { id: string; expires_at: string }): Promise<boolean> {
  const result = await db.updateTable("invitations").set(changes)
    .where("id", "=", id).where("used_at", "is", null).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes an unused invitation (once; revoking again changes nothing); false when it was used. Run it in a transaction. */
export async function revokeInvitation(db: Executor, id: string, at: string): Promise<boolean> {
  await db.updateTable("invitations").set({ revoked_at: at }).where("id", "=", id).where("used_at", "is", null).where("revoked_at", "is", null).execute();
  const row = await db.selectFrom("invitations").select("used_at").where("id", "=", id).executeTakeFirst();
  return row !== undefined && row.used_at === null;
}
