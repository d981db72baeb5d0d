/**
 * Declaring an organisation: by an admin for its territory, or by a manager
 * without organisation, who becomes its first owner and takes its territory.
 * A SIRET already inscribed is refused (409 siret_taken), including when two
 * requests insert it at the same moment (the unique index decides).
 */
import { toPublic, type PublicAccount } from "../auth/accounts";
import { uuidv7, isUniqueViolation } from "../dossiers/context";
import { Refusal } from "../engine/decide-transition";
import { findAccount } from "../store/account-store";
import type { Db } from "../store/database";
import { insertOrganisation, type Executor } from "../store/dossier-store";
import { attachAccount, cancelJoinRequestsOf, findOrganisationBySiret, type OrganisationRow } from "../store/organisation-store";
import { findTerritory } from "../store/territory-store";
import type { OrganisationTable } from "../store/schema";
import { alreadyInOrganisation, requireWithoutOrganisation, toOrganisationView, type OrganisationView } from "./access";
import { checkSiret, siretTaken } from "./siret";

export const LEGAL_STATUSES = ["association", "collectivite", "entreprise", "etablissement_public", "autre"] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
export type OrganisationInput = { name: string; siret?: string; legalStatus?: LegalStatus; territoryCode: string };

const field = (pointer: string, message: string) => ({ code: "field", message, pointers: [pointer] });

/** A checked row for a new organisation (name trimmed, SIRET normalised); refusals name every wrong field. */
export function organisationRow(input: OrganisationInput, now: Date): OrganisationTable {
  const problems = [];
  if (typeof input.name !== "string" || input.name.trim().length < 2) problems.push(field("/name", "le nom doit compter au moins 2 caractères"));
  let siret: string | null = null;
  if (input.siret !== undefined) {
    try {
      siret = checkSiret(input.siret);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      problems.push(...error.reasons);
    }
  }
  if (problems.length > 0) throw new Refusal("input", "Organisation invalide.", problems);
  return { id: uuidv7(now.getTime()), name: input.name.trim(), siret, legal_status: input.legalStatus ?? null, territory_code: input.territoryCode, created_at: now.toISOString() };
}

/** Inserts the organisation unless its SIRET is already inscribed (call inside a transaction). */
export async function insertNewOrganisation(db: Executor, row: OrganisationTable): Promise<void> {
  if (row.siret && (await findOrganisationBySiret(db, row.siret))) throw siretTaken(row.siret);
  await insertOrganisation(db, row);
}

/** Runs `work` and turns a unique violation of the SIRET (a concurrent insert) into `siret_taken`. */
export async function withSiretGuard<T>(siret: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (siret && isUniqueViolation(error)) throw siretTaken(siret);
    throw error;
  }
}

/** A manager without organisation creates one and becomes its owner, in one transaction. */
export async function createOwnOrganisation(deps: { db: Db; clock: () => Date }, account: PublicAccount, input: Required<OrganisationInput>): Promise<{ organisation: OrganisationView; account: PublicAccount }> {
  const now = deps.clock();
  const row = organisationRow(input, now);
  return withSiretGuard(row.siret, () => deps.db.kysely.transaction().execute(async (trx) => {
    await requireWithoutOrganisation(trx, account.id);
    if (!(await findTerritory(trx, input.territoryCode))) {
      throw new Refusal("input", "Territoire inconnu.", [field("/territoryCode", "territoire inconnu : choisissez-en un de la liste")]);
    }
    await insertNewOrganisation(trx, row);
    if (!(await attachAccount(trx, account.id, row, "owner"))) {
      throw alreadyInOrganisation();
    }
    await cancelJoinRequestsOf(trx, account.id, now.toISOString());
    const updated = await findAccount(trx, account.id);
    return { organisation: toOrganisationView(row as OrganisationRow), account: toPublic(updated!) };
  }));
}
