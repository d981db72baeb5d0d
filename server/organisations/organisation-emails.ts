/**
 * The French words of the organisation emails: a join request (to every
 * owner), its decision (to the requester), and the invitation sent to an
 * address that already has an account — told to sign in and ask to join, so
 * the inviter learns nothing (a new address gets the shared invitationEmail).
 * Laid out by composeEmail.
 */
import { composeEmail } from "../mail/compose";

export type OrganisationEmail = { kind: string; subject: string; text: string; html: string };

export function joinRequestEmail(input: { organisationName: string; requesterName: string; requesterEmail: string; message: string | null; url: string }): OrganisationEmail {
  return {
    kind: "organisation_join_request",
    subject: `Demande pour rejoindre ${input.organisationName}`,
    ...composeEmail({
      greeting: "Bonjour,",
      paragraphs: [
        `${input.requesterName} (${input.requesterEmail}) demande à rejoindre l'organisation « ${input.organisationName} » sur Guichet.`,
        ...(input.message ? [`Son message : « ${input.message} »`] : []),
        "En tant que propriétaire de l'organisation, vous pouvez accepter ou refuser cette demande. Une personne acceptée voit et modifie tous les dossiers de l'organisation.",
      ],
      action: { label: "Voir la demande", url: input.url },
    }),
  };
}

export function joinDecisionEmail(input: { organisationName: string; approved: boolean; url: string }): OrganisationEmail {
  return {
    kind: input.approved ? "organisation_join_approved" : "organisation_join_refused",
    subject: input.approved ? `Vous avez rejoint ${input.organisationName}` : `Votre demande pour rejoindre ${input.organisationName}`,
    ...composeEmail({
      greeting: "Bonjour,",
      paragraphs: input.approved
        ? [`Votre demande a été acceptée : vous faites maintenant partie de l'organisation « ${input.organisationName} » et vous voyez ses dossiers.`]
        : [`Votre demande pour rejoindre l'organisation « ${input.organisationName} » a été refusée par ses propriétaires.`,
          "Vous pouvez demander à rejoindre une autre organisation ou créer la vôtre."],
      action: { label: "Ouvrir la page de l'organisation", url: input.url },
    }),
  };
}

export function invitationToExistingAccountEmail(input: { organisationName: string; inviterName: string; url: string }): OrganisationEmail {
  return {
    kind: "organisation_invitation_existing_account",
    subject: `Invitation à rejoindre ${input.organisationName} sur Guichet`,
    ...composeEmail({
      greeting: "Bonjour,",
      paragraphs: [
        `${input.inviterName} vous invite à rejoindre l'organisation « ${input.organisationName} » sur Guichet.`,
        "Vous avez déjà un compte avec cette adresse : connectez-vous, puis demandez à rejoindre l'organisation depuis la page « Organisation » (avec son numéro SIRET). Si votre compte fait déjà partie d'une autre organisation, quittez-la d'abord.",
      ],
      action: { label: "Ouvrir la page de l'organisation", url: input.url },
      after: ["Si vous n'attendiez pas cette invitation, ignorez ce message."],
    }),
  };
}
