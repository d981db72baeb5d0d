/**
 * Invitations made by a territory's admin: each one is a one-time link
 * emailed in the transaction that creates it (the link is never shown to the
 * admin), listed with its status, sent again with a new token (the old link
 * dies), or revoked. An admin only ever sees or touches its own territory's.
 * An address whose account belongs to another territory is invited exactly
 * like a new one, so that the answer tells nothing about other territories.
 */
import type { Role } from "../engine/decide-transition";
import { Refusal } from "../engine/decide-transition";
import { enqueueEmail } from "../mail/outbox";
import { findAccountByEmail, findInvitation, type InvitationRow } from "../store/account-store";
import type { Db } from "../store/database";
import { findOrganisation } from "../store/dossier-store";
import { listInvitations, renewInvitation, revokeInvitation } from "../store/invitation-store";
import { countOwners } from "../store/organisation-store";
import { findTerritory } from "../store/territory-store";
import type { Executor } from "../store/dossier-store";
import type { PublicAccount } from "./accounts";
import { randomToken, sha256 } from "./email-tokens";
import { INVITATION_TTL_MS, invitationEmail } from "./invitation-email";
import { issueInvitation } from "./issue-invitation";

export type InvitationStatus = "pending" | "expired" | "used" | "revoked";
export type InvitationSummary = { id: string; email: string; role: Role; expiresAt: string };
export type InvitationItem = InvitationSummary & { organisationId: string | null; createdAt: string; status: InvitationStatus };

const NOT_FOUND = "Invitation introuvable dans votre territoire.";

export function invitationStatus(row: InvitationRow, now: Date): InvitationStatus {
  if (row.used_at) return "used";
  if (row.revoked_at) return "revoked";
  return row.expires_at <= now.toISOString() ? "expired" : "pending";
}

export function createInvitations(options: { db: Db; clock: () => Date }) {
  const { db, clock } = options;

  /** The email carrying a fresh token for `row`. */
  async function linkEmail(trx: Executor, row: Pick<InvitationRow, "role" | "territory_code" | "organisation_id">, token: string, inviter: PublicAccount, origin: string) {
    const territory = await findTerritory(trx, row.territory_code);
    const organisation = row.organisation_id ? await findOrganisation(trx, row.organisation_id) : undefined;
    const mail = invitationEmail({
      origin, token, role: row.role as Exclude<Role, "system">, territoryName: territory?.name ?? row.territory_code, organisationName: organisation?.name ?? null, inviterName: inviter.displayName,
    });
    return { kind: "invitation", ...mail };
  }

  async function ownRow(admin: PublicAccount, id: string): Promise<InvitationRow> {
    const row = await findInvitation(db.kysely, id);
    if (!row || row.territory_code !== admin.territoryCode) throw new Refusal("not_found", NOT_FOUND);
    return row;
  }

  return {
    /**
     * Creates a one-time invitation of the admin's territory and emails its
     * link; it replaces the address's earlier pending ones in the territory.
     * The first manager invited to an organisation without an active owner
     * is invited as its owner.
     */
    async invite(inviter: PublicAccount, input: { email: string; role: Role; organisationId?: string }, origin: string): Promise<InvitationSummary> {
      const email = input.email.trim().toLowerCase();
      if (input.role === "manager") {
        const org = input.organisationId ? await findOrganisation(db.kysely, input.organisationId) : undefined;
        if (!org || org.territory_code !== inviter.territoryCode) {
          throw new Refusal("input", "Un gestionnaire doit être rattaché à une organisation de votre territoire.", [{ code: "field", message: "organisation inconnue", pointers: ["/organisationId"] }]);
        }
      }
      const existing = await findAccountByEmail(db.kysely, email);
      if (existing && existing.territory_code === inviter.territoryCode) {
        throw new Refusal("input", "Un compte existe déjà pour cette adresse dans votre territoire.", [{ code: "field", message: "adresse déjà utilisée", pointers: ["/email"] }]);
      }
      const now = clock();
      const organisationId = input.role === "manager" ? input.organisationId ?? null : null;
      const { row } = await db.kysely.transaction().execute(async (trx) => {
        const organisationRole = organisationId ? ((await countOwners(trx, organisationId)) === 0 ? "owner" as const : "member" as const) : null;
        const invitation = { role: input.role as Exclude<Role, "system">, territory_code: inviter.territoryCode, organisation_id: organisationId };
        return issueInvitation(trx, {
          email, role: invitation.role, territoryCode: inviter.territoryCode, organisationId, organisationRole, invitedBy: inviter.id, replaces: "territory",
          mail: (token) => linkEmail(trx, invitation, token, inviter, origin),
        }, now);
      });
      return { id: row.id, email, role: input.role, expiresAt: row.expires_at };
    },

    async list(admin: PublicAccount): Promise<InvitationItem[]> {
      const now = clock();
      return (await listInvitations(db.kysely, admin.territoryCode)).map((row) => ({
        id: row.id, email: row.email, role: row.role as Role, organisationId: row.organisation_id, createdAt: row.created_at, expiresAt: row.expires_at, status: invitationStatus(row, now),
      }));
    },

    /** Sends an open (pending or expired) invitation again: a new token and expiry, the old link dead. */
    async resend(admin: PublicAccount, id: string, origin: string): Promise<InvitationSummary> {
      const row = await ownRow(admin, id);
      const closed = () => new Refusal("wrong_state", row.used_at ? "Cette invitation a déjà été acceptée." : "Cette invitation a été révoquée ; créez-en une nouvelle.");
      if (row.used_at || row.revoked_at) throw closed();
      const token = randomToken();
      const now = clock();
      const renewed = { id: sha256(token), expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString() };
      await db.kysely.transaction().execute(async (trx) => {
        if (!(await renewInvitation(trx, row.id, renewed))) throw closed();
        await enqueueEmail(trx, { to: row.email, ...(await linkEmail(trx, row, token, admin, origin)) }, now);
      });
      return { id: renewed.id, email: row.email, role: row.role as Role, expiresAt: renewed.expires_at };
    },

    /** Revokes an unused invitation of the territory (revoking twice is harmless). */
    async revoke(admin: PublicAccount, id: string): Promise<void> {
      await ownRow(admin, id);
      const revoked = await db.kysely.transaction().execute((trx) => revokeInvitation(trx, id, clock().toISOString()));
      if (!revoked) throw new Refusal("wrong_state", "Cette invitation a déjà été acceptée.");
    },

    /** What an invitation link offers, before accepting it; undefined when it cannot be used. */
    async inspect(token: string): Promise<{ email: string; role: Role; organisationName: string | null; territoryName: string | null } | undefined> {
      const row = await findInvitation(db.kysely, sha256(token));
      if (!row || invitationStatus(row, clock()) !== "pending") return undefined;
      const organisation = row.organisation_id ? await findOrganisation(db.kysely, row.organisation_id) : undefined;
      return { email: row.email, role: row.role as Role, organisationName: organisation?.name ?? null, territoryName: (await findTerritory(db.kysely, row.territory_code))?.name ?? null };
    },
  };
}

export type Invitations = ReturnType<typeof createInvitations>;
