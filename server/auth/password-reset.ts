/**
 * Forgotten passwords: an address asks, a one-time link (1 hour) is emailed
 * if it has an active account; the request answers the same whatever the
 * case, and writes one email in every case (the owner of an unknown or
 * disabled address is told why there is no link). Using the link sets a new
 * password under today's policy, closes every session of the account, lifts
 * the login lockout and opens a new session.
 */
import { Refusal } from "../engine/decide-transition";
import { enqueueEmail } from "../mail/outbox";
import { clearRateLimit, deleteSessionsOf, findAccount, updateAccount } from "../store/account-store";
import type { Db } from "../store/database";
import { passwordChangedEmail, passwordResetDisabledEmail, passwordResetEmail, passwordResetNoAccountEmail } from "./account-emails";
import { checkPassword, loginFailuresKey, type Auth, type Session } from "./accounts";
import { consumeEmailToken, issueEmailToken, peekEmailToken, revokeEmailTokens } from "./email-tokens";
import { requestEmailLink } from "./email-request";
import { hashPassword } from "./passwords";
import { enforceLimit, LIMITS, type Limits } from "./rate-limit";

export const RESET_TTL_MS = 3_600_000;
export const FORGOT_MESSAGE = "Si un compte utilise cette adresse, un message vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe (valable 1 heure). Pensez à regarder dans vos courriers indésirables.";
const DEAD_LINK = "Ce lien n'existe pas, a expiré ou a déjà servi : demandez-en un nouveau.";

export function createPasswordReset(options: { db: Db; auth: Auth; limits?: Limits }) {
  const { db, auth } = options;
  const limits = options.limits ?? LIMITS;

  return {
    /** Emails a reset link to an active account's address (and an explanation to any other address). */
    async forgot(email: string, ip: string, origin: string): Promise<void> {
      const address = email.trim().toLowerCase();
      const now = auth.clock();
      await requestEmailLink(db, address, now, {
        purpose: "password_reset",
        perIp: { key: `forgot-ip:${ip}`, limit: limits.forgotPerIp, message: "Trop de demandes de mot de passe depuis votre adresse IP. Réessayez dans quelques minutes." },
        perAddress: { key: `forgot-address:${address}`, limit: limits.forgotPerAddress },
        compose: async (trx, account) => !account
          ? passwordResetNoAccountEmail(origin)
          : account.status !== "active"
            ? passwordResetDisabledEmail()
            : passwordResetEmail(origin, await issueEmailToken(trx, { purpose: "password_reset", email: address, accountId: account.id, ttlMs: RESET_TTL_MS, now })),
      });
    },

    /** Uses a reset link once: new password, every session of the account closed, a new one opened. */
    async reset(input: { token: string; password: string }, ip: string, origin: string, previousToken?: string): Promise<Session> {
      checkPassword(input.password);
      const now = auth.clock();
      await enforceLimit(db.kysely, `password-reset-ip:${ip}`, limits.passwordResetPerIp, now, "Trop de tentatives depuis votre adresse IP. Réessayez dans quelques minutes.");
      const pending = await peekEmailToken(db.kysely, input.token, "password_reset", now);
      if (!pending?.account_id) throw new Refusal("not_found", DEAD_LINK);
      const passwordHash = await hashPassword(input.password);
      const account = await db.kysely.transaction().execute(async (trx) => {
        const used = await consumeEmailToken(trx, input.token, "password_reset", now);
        const row = used?.account_id ? await findAccount(trx, used.account_id) : undefined;
        if (!row || row.status !== "active" || row.email !== used!.email) throw new Refusal("not_found", DEAD_LINK);
        await updateAccount(trx, row.id, { password_hash: passwordHash });
        await deleteSessionsOf(trx, row.id);
        await revokeEmailTokens(trx, row.email, "password_reset", now);
        await clearRateLimit(trx, loginFailuresKey(row.email));
        await enqueueEmail(trx, { to: row.email, ...passwordChangedEmail(origin) }, now);
        return { ...row, password_hash: passwordHash };
      });
      return auth.openSession(account, previousToken);
    },
  };
}

export type PasswordReset = ReturnType<typeof createPasswordReset>;
