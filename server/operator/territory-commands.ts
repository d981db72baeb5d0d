/**
 * `territory:create` and `territory:list`. A territory is a French
 * département, named by its official code (01–95 without 20, 2A, 2B,
 * 971–976): staff accounts, organisations and procedure packages belong to one.
 */
import { parseArgs } from "node:util";
import type { Db } from "../store/database";
import { ensureTerritory, findTerritory, listTerritories } from "../store/territory-store";
import { OperatorError, parseArgsError } from "./operator-error";

export type CommandContext = { db: Db; clock: () => Date; args: string[]; out: (line: string) => void };

const DEPARTEMENT = /^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$/;
export const MAX_TERRITORY_NAME = 100;

/** The code in its official form ("2a" → "2A"), or a French refusal. */
export function territoryCode(raw: string | undefined): string {
  const code = (raw ?? "").trim().toUpperCase();
  if (!code) throw new OperatorError("Indiquez le code du territoire (code de département, par exemple 15).", 2);
  if (!DEPARTEMENT.test(code)) {
    throw new OperatorError(`Code de territoire invalide : « ${raw} ». Attendu : un code de département (2 chiffres de 01 à 95, 2A, 2B, ou 971 à 976).`);
  }
  return code;
}

export async function createTerritoryCommand({ db, clock, args, out }: CommandContext): Promise<void> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true }));
  } catch (error) {
    throw parseArgsError(error);
  }
  if (positionals.length > 2) throw new OperatorError(`Trop d'arguments : mettez le nom entre guillemets (territory:create ${positionals[0]} "${positionals.slice(1).join(" ")}").`, 2);
  const code = territoryCode(positionals[0]);
  const name = (positionals[1] ?? "").trim().replace(/\s+/g, " ");
  if (!name) throw new OperatorError(`Indiquez le nom du territoire (territory:create ${code} "Nom").`, 2);
  if (name.length > MAX_TERRITORY_NAME) throw new OperatorError(`Le nom du territoire ne doit pas dépasser ${MAX_TERRITORY_NAME} caractères.`);
  const created = await ensureTerritory(db.kysely, { code, name, created_at: clock().toISOString() });
  if (!created) {
    const existing = await findTerritory(db.kysely, code);
    throw new OperatorError(`Le territoire ${code} existe déjà (« ${existing?.name ?? "?"} ») ; rien n'a été modifié.`);
  }
  out(`Territoire ${code} « ${name} » créé.`);
  out(`Étape suivante : npm run operator -- admin:invite --territory ${code} --email <adresse>`);
}

export async function listTerritoriesCommand({ db, clock, args, out }: CommandContext): Promise<void> {
  try {
    parseArgs({ args, options: {}, allowPositionals: false, strict: true });
  } catch (error) {
    throw parseArgsError(error);
  }
  const territories = await listTerritories(db.kysely);
  if (territories.length === 0) {
    out(`Aucun territoire. Créez-en un avec : npm run operator -- territory:create <code> "<nom>"`);
    return;
  }
  const admins = await db.kysely.selectFrom("accounts").select(["territory_code", (eb) => eb.fn.countAll<number>().as("n")])
    .where("role", "=", "admin").where("status", "=", "active").groupBy("territory_code").execute();
  const pending = await db.kysely.selectFrom("invitations").select(["territory_code", (eb) => eb.fn.countAll<number>().as("n")])
    .where("used_at", "is", null).where("revoked_at", "is", null).where("expires_at", ">", clock().toISOString()).groupBy("territory_code").execute();
  const count = (rows: { territory_code: string; n: number }[], code: string) => Number(rows.find((r) => r.territory_code === code)?.n ?? 0);
  const width = Math.max(...territories.map((t) => t.name.length), 3);
  out(`${"Code".padEnd(5)} ${"Nom".padEnd(width)}  Admins  Invitations en attente  Créé le`);
  for (const t of territories) {
    out(`${t.code.padEnd(5)} ${t.name.padEnd(width)}  ${String(count(admins, t.code)).padStart(6)}  ${String(count(pending, t.code)).padStart(22)}  ${t.created_at.slice(0, 10)}`);
  }
}
