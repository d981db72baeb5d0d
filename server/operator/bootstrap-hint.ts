/**
 * At start-up in production: with no admin account at all nobody can sign
 * in to configure anything, and there is no web super-admin — say how an
 * operator creates the first one.
 */
import type { Db } from "../store/database";

export const BOOTSTRAP_HINT = "Aucun compte d'administration : créez-en un avec npm run operator -- admin:invite --territory <code> --email <adresse>";

/** The French hint when the database has no admin account (active or not); null otherwise. */
export async function bootstrapHint(db: Db): Promise<string | null> {
  const admin = await db.kysely.selectFrom("accounts").select("id").where("role", "=", "admin").limit(1).executeTakeFirst();
  return admin ? null : BOOTSTRAP_HINT;
}
