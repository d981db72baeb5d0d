/**
 * The French email that carries a staff invitation created by an operator
 * (the link to choose a password, its expiry). Laid out by `composeEmail`;
 * the web flow's own text lives with the sign-up code and may replace this one.
 */
import { composeEmail } from "../mail/compose";

export type StaffRole = "admin" | "instructor" | "committee";

const ROLE_PURPOSE: Record<StaffRole, string> = {
  admin: "administrer les appels à candidatures, les comptes et les organisations",
  instructor: "instruire les dossiers déposés",
  committee: "examiner les dossiers en comité",
};

export function invitationEmail(input: { link: string; role: StaffRole; territoryName: string; expiresAt: Date; name?: string }): { subject: string; text: string; html: string } {
  const expiry = input.expiresAt.toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long", timeStyle: "short" });
  const content = composeEmail({
    greeting: input.name ? `Bonjour ${input.name},` : "Bonjour,",
    paragraphs: [
      `Vous êtes invité(e) à rejoindre Guichet pour le territoire « ${input.territoryName} », afin d'${ROLE_PURPOSE[input.role]}.`,
      "Ouvrez le lien ci-dessous pour choisir votre mot de passe et activer votre compte.",
    ],
    action: { label: "Activer mon compte", url: input.link },
    after: [`Ce lien ne sert qu'une fois et expire le ${expiry}.`, "Si vous n'attendiez pas cette invitation, ignorez ce message : aucun compte ne sera créé."],
  });
  return { subject: `Votre invitation à Guichet — ${input.territoryName}`, ...content };
}
