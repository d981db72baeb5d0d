/**
 * The email that carries an invitation link, written once for every way of
 * inviting someone: by a territory's admin (any role) or by the owner of an
 * organisation (a manager joining it).
 */
import type { Role } from "../engine/decide-transition";
import { composeEmail } from "../mail/compose";

/** How long an invitation link stays valid. */
export const INVITATION_TTL_MS = 7 * 86_400_000;

type InvitedRole = Exclude<Role, "system">;
const ROLE_LABELS: Record<InvitedRole, string> = {
  admin: "administration du territoire",
  instructor: "instruction des dossiers",
  committee: "comité de décision",
  manager: "gestion des dossiers d'une organisation",
};

export type InvitationEmailInput = {
  origin: string;
  /** The raw token (put in the link's fragment, never stored). */
  token: string;
  role: InvitedRole;
  territoryName: string;
  organisationName?: string | null;
  inviterName: string;
  /** The invited person's name when known (an operator's `--name`), for the greeting. */
  inviteeName?: string;
};

export function invitationEmail(input: InvitationEmailInput): { subject: string; text: string; html: string } {
  const { origin, token, role, territoryName, organisationName, inviterName } = input;
  const subject = organisationName ? `Invitation à rejoindre ${organisationName} sur Guichet` : `Invitation à rejoindre Guichet (${territoryName})`;
  const invitation = organisationName
    ? `${inviterName} vous invite à rejoindre l'organisation « ${organisationName} » sur Guichet (territoire : ${territoryName}), pour déposer et suivre ses dossiers.`
    : `${inviterName} vous invite à rejoindre Guichet pour le territoire « ${territoryName} », avec le rôle : ${ROLE_LABELS[role]}.`;
  const body = composeEmail({
    greeting: input.inviteeName ? `Bonjour ${input.inviteeName},` : "Bonjour,",
    paragraphs: [invitation, "Pour accepter l'invitation, suivez le lien ci-dessous : vous y choisirez votre nom et votre mot de passe."],
    action: { label: "Accepter l'invitation", url: `${origin}/invitation#${token}` },
    after: ["Ce lien expire dans 7 jours et ne sert qu'une fois.", "Si vous ne vous attendiez pas à cette invitation, ignorez ce message."],
  });
  return { subject, ...body };
}
