/**
 * SQL for territories: created by an operator (CLI) or, for the territory of
 * a published package, when it is first published.
 */
import type { Selectable } from "kysely";
import type { Executor } from "./dossier-store";
import type { TerritoryTable } from "./schema";

export type TerritoryRow = Selectable<TerritoryTable>;

export function listTerritories(db: Executor): Promise<TerritoryRow[]> {
  return db.selectFrom("territories").selectAll().orderBy("code").execute();
}

export function findTerritory(db: Executor, code: string): Promise<TerritoryRow | undefined> {
  return db.selectFrom("territories").selectAll().where("code", "=", code).executeTakeFirst();
}

/** Creates the territory if it does not exist yet; returns true when it was created. */
export async function ensureTerritory(db: Executor, row: TerritoryTable): Promise<boolean> {
  const inserted = await db.insertInto("territories").values(row).onConflict((oc) => oc.column("code").doNothing()).returning("code").executeTakeFirst();
  return inserted !== undefined;
}
