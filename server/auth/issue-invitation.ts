/**
 * Writing an invitation, for every way of inviting someone (a territory's
 * admin, an organisation's owner, the operator's command): the earlier
 * pending invitations it replaces are revoked (only the last link works),
 * the row stores only the token's hash, and its email is written to the
 * outbox — all in the caller's transaction.
 */
import type { Role } from "../engine/decide-transition";
import { enqueueEmail } from "../mail/outbox";
import { insertInvitation, type InvitationRow } from "../store/account-store";
import type { Executor } from "../store/dossier-store";
import { randomToken, sha256 } from "./email-tokens";
import { INVITATION_TTL_MS } from "./invitation-email";

export type InvitationMail = { kind: string; subject: string; text: string; html: string };

export type NewInvitation = {
  email: string;
  role: Exclude<Role, "system">;
  territoryCode: string;
  organisationId: string | null;
  organisationRole: "owner" | "member" | null;
  /** The inviter's account id, or OPERATOR_INVITER. */
  invitedBy: string;
  /**
   * Which pending invitations of the address this one replaces: every one of
   * the territory (staff inviting), or only those to the same organisation
   * (an owner cannot cancel what the staff sent).
   */
  replaces: "territory" | "organisation";
  /** The email to send, given the raw token (for the link). */
  mail: (token: string) => InvitationMail | Promise<InvitationMail>;
};

export async function issueInvitation(trx: Executor, input: NewInvitation, now: Date): Promise<{ row: InvitationRow; token: string; outboxId: string; replaced: number }> {
  const email = input.email.trim().toLowerCase();
  const at = now.toISOString();
  let revoke = trx.updateTable("invitations").set({ revoked_at: at })
    .where("email", "=", email).where("territory_code", "=", input.territoryCode)
    .where("used_at", "is", null).where("revoked_at", "is", null).where("expires_at", ">", at);
  if (input.replaces === "organisation") revoke = revoke.where("organisation_id", "=", input.organisationId ?? "");
  const revoked = await revoke.executeTakeFirst();
  const token = randomToken();
  const row: InvitationRow = {
    id: sha256(token), email, role: input.role, territory_code: input.territoryCode, organisation_id: input.organisationId,
    organisation_role: input.organisationRole, invited_by: input.invitedBy, created_at: at,
    expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(), used_at: null, revoked_at: null,
  };
  await insertInvitation(trx, row);
  const outboxId = await enqueueEmail(trx, { to: email, ...(await input.mail(token)) }, now);
  return { row, token, outboxId, replaced: Number(revoked.numUpdatedRows) };
}
