/**
 * A signed-in person changes its password: the current one is checked like a
 * login (under the lockout, so it cannot be guessed through this route), the
 * new one follows today's policy, and every other session of the account is
 * closed while this one stays open, and any pending reset link dies.
 */
import { Refusal } from "../engine/decide-transition";
import { enqueueEmail } from "../mail/outbox";
import { deleteOtherSessionsOf, findAccount, updateAccount } from "../store/account-store";
import type { Db } from "../store/database";
import { passwordChangedEmail } from "./account-emails";
import { checkPassword, type Auth, type PublicAccount } from "./accounts";
import { revokeEmailTokens, sha256 } from "./email-tokens";
import { hashPassword } from "./passwords";

export async function changePassword(
  options: { db: Db; auth: Auth },
  who: { account: PublicAccount; sessionToken: string },
  input: { currentPassword: string; newPassword: string },
  origin: string,
): Promise<void> {
  const { db, auth } = options;
  checkPassword(input.newPassword, "/newPassword");
  const row = await findAccount(db.kysely, who.account.id);
  if (!row || !(await auth.checkCurrentPassword(row, input.currentPassword))) {
    throw new Refusal("input", "Le mot de passe actuel est incorrect.", [{ code: "field", message: "mot de passe incorrect", pointers: ["/currentPassword"] }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = auth.clock();
  await db.kysely.transaction().execute(async (trx) => {
    await updateAccount(trx, row.id, { password_hash: passwordHash });
    await deleteOtherSessionsOf(trx, row.id, sha256(who.sessionToken));
    // A reset link asked before the change would undo it: it dies with the old password.
    await revokeEmailTokens(trx, row.email, "password_reset", now);
    await enqueueEmail(trx, { to: row.email, ...passwordChangedEmail(origin) }, now);
  });
}
