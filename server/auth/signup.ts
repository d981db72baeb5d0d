/**
 * A manager signs up alone: an address, then a link sent to it (proof that
 * the mailbox is theirs), then a name and a password. The first step answers
 * the same, in the same time, whether or not the address has an account: the
 * mailbox's owner is told which by the email. The account starts as a
 * manager of no organisation and no territory (set when it creates or joins
 * one).
 */
import { Refusal } from "../engine/decide-transition";
import { uuidv7 } from "../dossiers/context";
import { findAccountByEmail, insertAccount, type AccountRow } from "../store/account-store";
import type { Db } from "../store/database";
import { signupKnownAddressEmail, signupVerificationEmail } from "./account-emails";
import { checkPassword, type Auth, type Session } from "./accounts";
import { consumeEmailToken, issueEmailToken, peekEmailToken } from "./email-tokens";
import { requestEmailLink } from "./email-request";
import { hashPassword } from "./passwords";
import { enforceLimit, LIMITS, type Limits } from "./rate-limit";

export const SIGNUP_TTL_MS = 24 * 3_600_000;
export const SIGNUP_MESSAGE = "Un message vient d'être envoyé à cette adresse : suivez le lien qu'il contient (valable 24 heures) pour continuer. Pensez à regarder dans vos courriers indésirables.";
const DEAD_LINK = "Ce lien n'existe pas, a expiré ou a déjà servi : recommencez la création de compte.";

export function createSignup(options: { db: Db; auth: Auth; limits?: Limits }) {
  const { db, auth } = options;
  const limits = options.limits ?? LIMITS;

  return {
    /** Emails the address a link to create its account, or, if it has one, a reminder with the sign-in and reset links. */
    async request(email: string, ip: string, origin: string): Promise<void> {
      const address = email.trim().toLowerCase();
      const now = auth.clock();
      await requestEmailLink(db, address, now, {
        purpose: "signup",
        perIp: { key: `signup-ip:${ip}`, limit: limits.signupPerIp, message: "Trop de demandes de création de compte depuis votre adresse IP. Réessayez dans quelques minutes." },
        perAddress: { key: `signup-address:${address}`, limit: limits.signupPerAddress },
        compose: async (trx, account) => account
          ? signupKnownAddressEmail(origin)
          : signupVerificationEmail(origin, await issueEmailToken(trx, { purpose: "signup", email: address, ttlMs: SIGNUP_TTL_MS, now })),
      });
    },

    /** The address a sign-up link was sent to, while the link is valid. */
    async inspect(token: string): Promise<{ email: string } | undefined> {
      const row = await peekEmailToken(db.kysely, token, "signup", auth.clock());
      return row ? { email: row.email } : undefined;
    },

    /** Uses the link once: creates the manager's account with its password and opens a session. */
    async complete(input: { token: string; displayName: string; password: string }, ip: string, previousToken?: string): Promise<Session> {
      checkPassword(input.password);
      const now = auth.clock();
      await enforceLimit(db.kysely, `signup-complete-ip:${ip}`, limits.signupCompletePerIp, now, "Trop de tentatives depuis votre adresse IP. Réessayez dans quelques minutes.");
      const pending = await peekEmailToken(db.kysely, input.token, "signup", now);
      if (!pending) throw new Refusal("not_found", DEAD_LINK);
      const row: AccountRow = {
        id: uuidv7(now.getTime()), email: pending.email, display_name: input.displayName.trim(), password_hash: await hashPassword(input.password),
        role: "manager", territory_code: "", organisation_id: null, organisation_role: null, status: "active", created_at: now.toISOString(),
      };
      await db.kysely.transaction().execute(async (trx) => {
        if (!(await consumeEmailToken(trx, input.token, "signup", now))) throw new Refusal("not_found", DEAD_LINK);
        if (await findAccountByEmail(trx, pending.email)) {
          throw new Refusal("wrong_state", "Un compte existe déjà pour cette adresse : connectez-vous, ou choisissez un nouveau mot de passe si vous l'avez oublié.");
        }
        await insertAccount(trx, row);
      });
      return auth.openSession(row, previousToken);
    },
  };
}

export type Signup = ReturnType<typeof createSignup>;
