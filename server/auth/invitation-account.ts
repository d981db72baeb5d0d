/**
 * The account an invitation creates, written once for both ways of
 * accepting one: with a password (the invitation link) or through an
 * identity provider (no password). The invitation is used in the same
 * transaction, and only while it is unused, unrevoked and unexpired.
 */
import { uuidv7 } from "../dossiers/context";
import { findAccountByEmail, insertAccount, useInvitation, type AccountRow, type InvitationRow } from "../store/account-store";
import type { Executor } from "../store/dossier-store";

/**
 * Uses `invitation` and inserts its account (call inside a transaction):
 * the new row; "dead" when the invitation could not be used (used, revoked
 * or expired meanwhile); "taken" when the address already has an account.
 */
export async function accountFromInvitation(
  trx: Executor,
  invitation: InvitationRow,
  input: { displayName: string; passwordHash: string | null; now: Date },
): Promise<AccountRow | "dead" | "taken"> {
  const at = input.now.toISOString();
  if (!(await useInvitation(trx, invitation.id, at))) return "dead";
  if (await findAccountByEmail(trx, invitation.email)) return "taken";
  const row: AccountRow = {
    id: uuidv7(input.now.getTime()), email: invitation.email, display_name: input.displayName, password_hash: input.passwordHash, role: invitation.role,
    territory_code: invitation.territory_code, organisation_id: invitation.organisation_id,
    organisation_role: invitation.organisation_id ? invitation.organisation_role ?? "member" : null, status: "active", created_at: at,
  };
  await insertAccount(trx, row);
  return row;
}
