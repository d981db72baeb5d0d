/**
 * SQL for organisations and their people: members and owners (accounts),
 * join requests, pending invitations. Membership changes take a row lock on
 * the organisation first (`lockOrganisation`), so that two owners acting at
 * the same moment cannot both leave it without an owner.
 */
import { sql, type Selectable } from "kysely";
import type { Executor } from "./dossier-store";
import type { AccountTable, JoinRequestTable, OrganisationTable } from "./schema";

export type OrganisationRow = Selectable<OrganisationTable>;
export type JoinRequestRow = Selectable<JoinRequestTable>;
export type MemberRow = Pick<Selectable<AccountTable>, "id" | "display_name" | "email" | "organisation_role">;
export type PendingJoinRequest = JoinRequestRow & { display_name: string; email: string };

export function findOrganisationBySiret(db: Executor, siret: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom("organisations").selectAll().where("siret", "=", siret).executeTakeFirst();
}

/** Serialises membership changes of one organisation (a no-op update: a row lock on PostgreSQL; SQLite has one writer). */
export async function lockOrganisation(db: Executor, id: string): Promise<boolean> {
  const result = await db.updateTable("organisations").set({ name: sql<string>`name` }).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The organisation's active and disabled accounts: owners first, then by name. */
export function listMembers(db: Executor, organisationId: string): Promise<MemberRow[]> {
  return db.selectFrom("accounts").select(["id", "display_name", "email", "organisation_role"])
    .where("organisation_id", "=", organisationId).where("role", "=", "manager")
    .orderBy(sql`case when organisation_role = 'owner' then 0 else 1 end`).orderBy("display_name").orderBy("id").execute();
}

/** Active owners' addresses (to tell them of a join request). */
export async function ownerEmails(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db.selectFrom("accounts").select("email").where("organisation_id", "=", organisationId)
    .where("organisation_role", "=", "owner").where("status", "=", "active").orderBy("email").execute();
  return rows.map((r) => r.email);
}

/** The organisation's active owners (a disabled owner cannot decide anything). */
export async function countOwners(db: Executor, organisationId: string): Promise<number> {
  const row = await db.selectFrom("accounts").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organisation_id", "=", organisationId).where("organisation_role", "=", "owner").where("status", "=", "active").executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Puts an account without organisation into one (role and territory), only
 * if it still has none: false when another change got there first.
 */
export async function attachAccount(db: Executor, accountId: string, org: { id: string; territory_code: string }, role: "owner" | "member"): Promise<boolean> {
  const result = await db.updateTable("accounts").set({ organisation_id: org.id, organisation_role: role, territory_code: org.territory_code })
    .where("id", "=", accountId).where("role", "=", "manager").where("organisation_id", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Takes an account out of its organisation (back to a manager without organisation); false when it was not in it. */
export async function detachAccount(db: Executor, accountId: string, organisationId: string): Promise<boolean> {
  const result = await db.updateTable("accounts").set({ organisation_id: null, organisation_role: null, territory_code: "" })
    .where("id", "=", accountId).where("organisation_id", "=", organisationId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setOrganisationRole(db: Executor, accountId: string, organisationId: string, role: "owner" | "member"): Promise<boolean> {
  const result = await db.updateTable("accounts").set({ organisation_role: role })
    .where("id", "=", accountId).where("organisation_id", "=", organisationId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Locks the account's row (PostgreSQL) when it is a manager still without organisation; false otherwise. */
export async function lockAccountWithoutOrganisation(db: Executor, accountId: string): Promise<boolean> {
  const result = await db.updateTable("accounts").set({ status: sql<string>`status` })
    .where("id", "=", accountId).where("role", "=", "manager").where("organisation_id", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertJoinRequest(db: Executor, row: JoinRequestTable): Promise<void> {
  await db.insertInto("join_requests").values(row).execute();
}

export function findJoinRequest(db: Executor, id: string): Promise<JoinRequestRow | undefined> {
  return db.selectFrom("join_requests").selectAll().where("id", "=", id).executeTakeFirst();
}

export function pendingJoinRequestOf(db: Executor, accountId: string): Promise<JoinRequestRow | undefined> {
  return db.selectFrom("join_requests").selectAll().where("account_id", "=", accountId).where("status", "=", "pending").executeTakeFirst();
}

/** The organisation's pending requests with who asked, oldest first (one query). */
export function pendingJoinRequests(db: Executor, organisationId: string): Promise<PendingJoinRequest[]> {
  return db.selectFrom("join_requests as j").innerJoin("accounts as a", "a.id", "j.account_id")
    .selectAll("j").select(["a.display_name", "a.email"])
    .where("j.organisation_id", "=", organisationId).where("j.status", "=", "pending")
    .orderBy("j.created_at").orderBy("j.id").execute();
}

/** Closes a pending request once (approved, refused or cancelled); false when it was no longer pending. */
export async function closeJoinRequest(db: Executor, id: string, status: "approved" | "refused" | "cancelled", at: string, by: string | null): Promise<boolean> {
  const result = await db.updateTable("join_requests").set({ status, decided_at: at, decided_by: by })
    .where("id", "=", id).where("status", "=", "pending").executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels an account's pending requests (it joined an organisation another way). */
export async function cancelJoinRequestsOf(db: Executor, accountId: string, at: string): Promise<void> {
  await db.updateTable("join_requests").set({ status: "cancelled", decided_at: at, decided_by: accountId })
    .where("account_id", "=", accountId).where("status", "=", "pending").execute();
}

/** Invitations to the organisation that can still be accepted, newest first. */
export function pendingOrganisationInvitations(db: Executor, organisationId: string, now: string) {
  return db.selectFrom("invitations").select(["id", "email", "created_at", "expires_at"])
    .where("organisation_id", "=", organisationId).where("used_at", "is", null).where("revoked_at", "is", null).where("expires_at", ">", now)
    .orderBy("created_at", "desc").execute();
}
