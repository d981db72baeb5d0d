/**
 * Accounts, sessions and invitations. Sessions live in the database: the
 * cookie carries a random token, the table its SHA-256; each session has its
 * CSRF token, expires after inactivity, and is replaced at every login.
 * Logins are limited per IP (fixed window) and per account (lockout after
 * repeated failures), both refused before any password is hashed.
 * Invitations are created in `invitations.ts`; accepting one is here.
 */
import type { Actor, Role } from "../engine/decide-transition";
import { Refusal } from "../engine/decide-transition";
import { uuidv7 } from "../dossiers/context";
import type { Db } from "../store/database";
import {
  clearRateLimit, deleteExpiredSessions, deleteSession, findAccount, findAccountByEmail, findInvitation, findSession, hitRateLimit, insertAccount,
  deleteSessionsOf, insertSession, rateLimitCount, touchSession, updateAccount, type AccountRow,
} from "../store/account-store";
import { randomToken as token, sha256 } from "./email-tokens";
import { accountFromInvitation } from "./invitation-account";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from "./passwords";
import { enforceLimit, fixedWindow, TooManyAttempts } from "./rate-limit";

export { TooManyAttempts };

export type AuthOptions = {
  db: Db;
  clock: () => Date;
  idleMinutes?: number;
  maxLoginsPerIpPerWindow?: number;
  maxFailuresPerAccount?: number;
  maxSessionHours?: number;
};

export type OrganisationRole = "owner" | "member";
export type PublicAccount = {
  id: string; email: string; displayName: string; role: Role; territoryCode: string; organisationId: string | null;
  /** A manager's place in its organisation; null for staff and for a manager not yet in one. */
  organisationRole: OrganisationRole | null;
  status?: string;
};
export type Session = { token: string; csrfToken: string; account: PublicAccount };

const WINDOW_MINUTES = 15;
/** The key counting an address's failed logins (cleared when its password is reset). */
export const loginFailuresKey = (address: string) => `login-failures:${address}`;

export function toPublic(row: AccountRow): PublicAccount {
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role as Role, territoryCode: row.territory_code, organisationId: row.organisation_id, organisationRole: (row.organisation_role as OrganisationRole | null) ?? null, status: row.status };
}

export function actorOf(account: Pick<PublicAccount, "id" | "role" | "territoryCode" | "organisationId"> & Partial<PublicAccount>): Actor {
  return account.role === "manager"
    ? { id: account.id, role: "manager", organisationId: account.organisationId ?? "" }
    : { id: account.id, role: account.role, territoryCode: account.territoryCode };
}

/** Today's password policy; `pointer` names the field in the refusal. */
export function checkPassword(password: unknown, pointer = "/password"): string {
  if (typeof password !== "string" || password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new Refusal("input", `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`, [{ code: "field", message: `au moins ${MIN_PASSWORD_LENGTH} caractères`, pointers: [pointer] }]);
  }
  return password;
}

export function createAuth(options: AuthOptions) {
  const { db, clock } = options;
  const idleMs = (options.idleMinutes ?? 120) * 60_000;
  const maxPerIp = options.maxLoginsPerIpPerWindow ?? 20;
  const maxFailures = options.maxFailuresPerAccount ?? 5;
  const maxAgeMs = (options.maxSessionHours ?? 12) * 3_600_000;

  /** Opens a session, closing `previousToken`'s in the same transaction (rotation). */
  async function openSession(account: AccountRow, previousToken?: string, provider?: { name: string; idToken: string }): Promise<Session> {
    const raw = token();
    const now = clock();
    const csrfToken = token();
    await db.kysely.transaction().execute(async (trx) => {
      if (previousToken) await deleteSession(trx, sha256(previousToken));
      await insertSession(trx, {
        id: sha256(raw), account_id: account.id, csrf_token: csrfToken,
        created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: new Date(now.getTime() + idleMs).toISOString(),
        provider: provider?.name ?? null, id_token: provider?.idToken ?? null,
      });
    });
    return { token: raw, csrfToken, account: toPublic(account) };
  }

  /**
   * Checks an address's password under the lockout: a locked address is
   * refused before hashing; otherwise the password is hashed whether or not
   * the account exists or is active (same timing), a failure is counted per
   * address (known or not, so that a lock tells nothing), a success clears
   * the count.
   */
  async function checkCredentials(address: string, account: AccountRow | undefined, password: string): Promise<boolean> {
    const { window, retryAfter } = fixedWindow(clock(), WINDOW_MINUTES);
    const failuresKey = loginFailuresKey(address);
    if ((await rateLimitCount(db.kysely, failuresKey, window)) >= maxFailures) {
      throw new TooManyAttempts(retryAfter, "Trop d'échecs pour cette adresse électronique : la connexion est bloquée quelques minutes.");
    }
    const ok = await verifyPassword(password, account?.status === "active" ? account.password_hash : null);
    if (ok) await clearRateLimit(db.kysely, failuresKey);
    else await hitRateLimit(db.kysely, failuresKey, window);
    return ok;
  }

  return {
    clock,
    /** Opens a session for an account already authenticated another way (an email link, an identity provider). */
    openSession,

    /** Checks the password of a signed-in account (e.g. before changing it), counted like a login under the lockout. */
    checkCurrentPassword: (account: AccountRow, password: string) => checkCredentials(account.email, account, password),

    async createAccount(input: { email: string; displayName: string; password: string; role: Role; territoryCode: string; organisationId?: string | null; organisationRole?: OrganisationRole | null }): Promise<PublicAccount> {
      const row: AccountRow = {
        id: uuidv7(), email: input.email.trim().toLowerCase(), display_name: input.displayName, password_hash: await hashPassword(checkPassword(input.password)),
        role: input.role, territory_code: input.territoryCode, organisation_id: input.organisationId ?? null,
        organisation_role: input.role === "manager" && input.organisationId ? input.organisationRole ?? "owner" : null, status: "active",
        created_at: clock().toISOString(),
      };
      await insertAccount(db.kysely, row);
      return toPublic(row);
    },

    /**
     * Checks credentials and opens a new session; `previousToken`'s session is
     * closed (rotation). The IP limit and the address's lockout are checked
     * first, so that a refused attempt costs no hashing; past them, the
     * password is hashed in every case (same timing for unknown addresses).
     */
    async login(email: string, password: string, ip: string, previousToken?: string): Promise<Session> {
      const address = email.trim().toLowerCase();
      await enforceLimit(db.kysely, `login-ip:${ip}`, { max: maxPerIp, windowMinutes: WINDOW_MINUTES }, clock(), "Trop de tentatives de connexion depuis cette adresse. Réessayez dans quelques minutes.");
      const account = await findAccountByEmail(db.kysely, address);
      if (!(await checkCredentials(address, account, password)) || !account) {
        throw new Refusal("forbidden", "Adresse électronique ou mot de passe incorrect.");
      }
      await deleteExpiredSessions(db.kysely, clock().toISOString());
      return openSession(account, previousToken);
    },

    /** Disables or re-enables an account of the admin's territory; disabling closes its sessions. */
    async setStatus(admin: PublicAccount, accountId: string, status: "active" | "disabled"): Promise<PublicAccount> {
      const account = await findAccount(db.kysely, accountId);
      if (!account || account.territory_code !== admin.territoryCode) throw new Refusal("not_found", "Compte introuvable dans votre territoire.");
      if (account.id === admin.id) throw new Refusal("input", "Vous ne pouvez pas désactiver votre propre compte.");
      await db.kysely.transaction().execute(async (trx) => {
        await updateAccount(trx, account.id, { status });
        if (status === "disabled") await deleteSessionsOf(trx, account.id);
      });
      return toPublic({ ...account, status });
    },

    async logout(raw: string): Promise<void> {
      await deleteSession(db.kysely, sha256(raw));
    },

    /** The session behind a cookie token, extended on use; null when unknown or expired. */
    async resume(raw: string): Promise<{ csrfToken: string; account: PublicAccount } | null> {
      const id = sha256(raw);
      const session = await findSession(db.kysely, id);
      const now = clock();
      if (!session || session.expires_at <= now.toISOString() || now.getTime() - Date.parse(session.created_at) > maxAgeMs) {
        if (session) await deleteSession(db.kysely, id);
        return null;
      }
      const account = await findAccount(db.kysely, session.account_id);
      if (!account || account.status !== "active") return null;
      if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
        await touchSession(db.kysely, id, now.toISOString(), new Date(now.getTime() + idleMs).toISOString());
      }
      return { csrfToken: session.csrf_token, account: toPublic(account) };
    },

    /** Accepts an invitation once: creates the account with its password and opens a session. */
    async acceptInvitation(raw: string, displayName: string, password: string, previousToken?: string): Promise<Session> {
      checkPassword(password);
      const dead = () => new Refusal("not_found", "Cette invitation n'existe pas, a expiré ou a déjà servi.");
      const invitation = await findInvitation(db.kysely, sha256(raw));
      const now = clock();
      if (!invitation || invitation.used_at || invitation.revoked_at || invitation.expires_at <= now.toISOString()) throw dead();
      const passwordHash = await hashPassword(password);
      const row = await db.kysely.transaction().execute(async (trx) => {
        const made = await accountFromInvitation(trx, invitation, { displayName, passwordHash, now });
        if (made === "dead") throw dead();
        if (made === "taken") {
          throw new Refusal("wrong_state", "Un compte existe déjà pour cette adresse : connectez-vous, ou choisissez un nouveau mot de passe si vous l'avez oublié.");
        }
        return made;
      });
      return openSession(row, previousToken);
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
