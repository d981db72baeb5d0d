/**
 * Who may see or change an organisation: its members read it, its owners
 * change it, the staff of its territory read it. The account is read again
 * inside the transaction of a change (a session's copy may be a request old).
 */
import type { PublicAccount } from "../auth/accounts";
import { Refusal } from "../engine/decide-transition";
import { findAccount, type AccountRow } from "../store/account-store";
import { findOrganisation, type Executor } from "../store/dossier-store";
import type { OrganisationRow } from "../store/organisation-store";

export type OrganisationView = { id: string; name: string; siret: string | null; legalStatus: string | null; territoryCode: string };

export function toOrganisationView(row: OrganisationRow): OrganisationView {
  return { id: row.id, name: row.name, siret: row.siret, legalStatus: row.legal_status ?? null, territoryCode: row.territory_code };
}

export async function loadOrganisation(db: Executor, id: string): Promise<OrganisationRow> {
  const row = await findOrganisation(db, id);
  if (!row) throw new Refusal("not_found", "Organisation introuvable.");
  return row;
}

/** May read the organisation and its members: a member of it, or the staff of its territory (others: refused). */
export function checkReader(account: PublicAccount, org: OrganisationRow): void {
  if (account.role === "manager") {
    if (account.organisationId !== org.id) throw new Refusal("forbidden", "Vous ne faites pas partie de cette organisation.");
    return;
  }
  if (account.territoryCode !== org.territory_code) throw new Refusal("not_found", "Organisation introuvable.");
}

/** The caller's current row, required to be an owner of the organisation. */
export async function requireOwner(db: Executor, accountId: string, organisationId: string): Promise<AccountRow> {
  const row = await findAccount(db, accountId);
  if (!row || row.role !== "manager" || row.organisation_id !== organisationId) throw new Refusal("forbidden", "Vous ne faites pas partie de cette organisation.");
  if (row.organisation_role !== "owner") throw new Refusal("forbidden", "Seul un propriétaire de l'organisation peut faire cette opération.");
  return row;
}

export const alreadyInOrganisation = () => new Refusal("forbidden", "Vous faites déjà partie d'une organisation : quittez-la d'abord pour en créer ou en rejoindre une autre.");

/** The caller's current row, required to be a manager without organisation (to create or join one). */
export async function requireWithoutOrganisation(db: Executor, accountId: string): Promise<AccountRow> {
  const row = await findAccount(db, accountId);
  if (!row || row.role !== "manager") throw new Refusal("forbidden", "Seul un compte gestionnaire peut rejoindre une organisation.");
  if (row.organisation_id) throw alreadyInOrganisation();
  return row;
}
