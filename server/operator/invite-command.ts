/**
 * `admin:invite`: the first account of a territory, without any web
 * super-admin. Like an admin's invitation (server/auth/invitations.ts): a one-time token
 * valid 7 days, only its SHA-256 stored; the invitation and its email are
 * written in one transaction, then one delivery pass tries to send it.
 */
import { parseArgs } from "node:util";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { invitationEmail } from "../auth/invitation-email";
import { issueInvitation } from "../auth/issue-invitation";
import { findAccountByEmail } from "../store/account-store";
import { OPERATOR_INVITER } from "../store/identity-store";
import { findTerritory } from "../store/territory-store";
import { deliverOnce } from "./deliver-once";
import { OperatorError, parseArgsError } from "./operator-error";
import { territoryCode, type CommandContext } from "./territory-commands";

type StaffRole = "admin" | "instructor" | "committee";
const ROLES: StaffRole[] = ["admin", "instructor", "committee"];
export { OPERATOR_INVITER };
/** The inviter named in the email. */
const OPERATOR_NAME = "L'équipe d'exploitation de Guichet";

function emailAddress(raw: string | undefined): string {
  const email = (raw ?? "").trim().toLowerCase();
  if (!email) throw new OperatorError("Indiquez l'adresse électronique avec --email <adresse>.", 2);
  const format = fullFormats.email as RegExp;
  if (email.length > 254 || !format.test(email)) throw new OperatorError(`Adresse électronique invalide : « ${raw} ».`);
  return email;
}

export async function inviteCommand({ db, clock, args, out }: CommandContext): Promise<void> {
  let values: { territory?: string; email?: string; name?: string; role?: string };
  try {
    ({ values } = parseArgs({
      args, allowPositionals: false, strict: true,
      options: { territory: { type: "string" }, email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
    }));
  } catch (error) {
    throw parseArgsError(error);
  }
  if (values.territory === undefined) throw new OperatorError("Indiquez le territoire avec --territory <code>.", 2);
  const code = territoryCode(values.territory);
  const email = emailAddress(values.email);
  const role = (values.role ?? "admin") as StaffRole;
  if (!ROLES.includes(role)) throw new OperatorError(`Rôle inconnu : « ${values.role} ». Rôles possibles : ${ROLES.join(", ")}.`);
  const name = values.name?.trim().replace(/\s+/g, " ") || undefined;
  if (name && name.length > 100) throw new OperatorError("Le nom ne doit pas dépasser 100 caractères.");

  const now = clock();
  const origin = (process.env.PUBLIC_ORIGIN ?? "http://localhost:3000").replace(/\/+$/, "");
  const { territoryName, outboxId, replaced, token, expiresAt } = await db.kysely.transaction().execute(async (trx) => {
    const territory = await findTerritory(trx, code);
    if (!territory) throw new OperatorError(`Territoire inconnu : ${code}. Créez-le d'abord : npm run operator -- territory:create ${code} "<nom>"`);
    const account = await findAccountByEmail(trx, email);
    if (account) {
      throw new OperatorError(`Un compte existe déjà pour ${email} (rôle ${account.role}, territoire ${account.territory_code || "aucun"}, ${account.status === "active" ? "actif" : "désactivé"}) ; aucune invitation créée.`);
    }
    // A new invitation replaces the address's pending ones in this territory: only the last link works.
    const issued = await issueInvitation(trx, {
      email, role, territoryCode: code, organisationId: null, organisationRole: null, invitedBy: OPERATOR_INVITER, replaces: "territory",
      mail: (token) => ({ kind: "invitation", ...invitationEmail({ origin, token, role, territoryName: territory.name, inviterName: OPERATOR_NAME, ...(name ? { inviteeName: name } : {}) }) }),
    }, now);
    return { territoryName: territory.name, outboxId: issued.outboxId, replaced: issued.replaced, token: issued.token, expiresAt: new Date(issued.row.expires_at) };
  });
  const link = `${origin}/invitation#${token}`;

  out(`Invitation créée pour ${email} (rôle ${role}, territoire ${code} « ${territoryName} »), valable jusqu'au ${expiresAt.toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long", timeStyle: "short" })} (heure de Paris).`);
  if (replaced > 0) out(`${replaced === 1 ? "L'invitation précédente de cette adresse est annulée" : `Les ${replaced} invitations précédentes de cette adresse sont annulées`} : seul ce nouveau lien fonctionne.`);
  out("Lien à usage unique (affiché une seule fois ; transmettez-le si le courriel n'arrive pas) :");
  out(`  ${link}`);
  out(await deliverOnce(db, clock, outboxId));
}
