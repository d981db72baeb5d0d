/**
 * The French emails of sign-up and password reset. Each request that must
 * not tell whether an address has an account writes exactly one email
 * whatever the case: the mailbox's owner learns the truth, the requester
 * only ever sees the same answer.
 */
import { composeEmail } from "../mail/compose";

export type Email = { kind: string; subject: string; text: string; html: string };

const IGNORE = "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.";

export function signupVerificationEmail(origin: string, token: string): Email {
  return {
    kind: "signup_verification", subject: "Confirmez votre adresse pour créer votre compte Guichet",
    ...composeEmail({
      greeting: "Bonjour,",
      paragraphs: ["Vous avez demandé à créer un compte sur Guichet avec cette adresse électronique.", "Pour confirmer votre adresse et choisir votre mot de passe, suivez le lien ci-dessous."],
      action: { label: "Créer mon compte", url: `${origin}/inscription/verifier#${token}` },
      after: ["Ce lien expire dans 24 heures et ne sert qu'une fois.", `${IGNORE} Aucun compte ne sera créé.`],
    }),
  };
}

export function signupKnownAddressEmail(origin: string): Email {
  return {
    kind: "signup_existing_account", subject: "Vous avez déjà un compte Guichet",
    ...composeEmail({
      greeting: "Bonjour,",
      paragraphs: [
        "Quelqu'un, probablement vous, a demandé à créer un compte sur Guichet avec cette adresse électronique. Vous avez déjà un compte avec cette adresse : inutile d'en créer un autre.",
        `Pour vous connecter : ${origin}/connexion`,
        "Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau.",
      ],
      action: { label: "Mot de passe oublié", url: `${origin}/mot-de-passe/oubli` },
      after: [IGNORE],
    }),
  };
}

export function passwordResetEmail(origin: string, token: string): Email {
  return {
    kind: "password_reset", subject: "Choisissez un nouveau mot de passe Guichet",
    ...composeEmail({
      greeting: "Bonjour,",
      paragraphs: ["Vous avez demandé à choisir un nouveau mot de passe pour votre compte Guichet."],
      action: { label: "Choisir un nouveau mot de passe", url: `${origin}/mot-de-passe/nouveau#${token}` },
      after: ["Ce lien expire dans 1 heure et ne sert qu'une fois ; toutes les sessions ouvertes de votre compte seront alors fermées.", `${IGNORE} Votre mot de passe actuel reste valable.`],
    }),
  };
}

export function passwordResetNoAccountEmail(origin: string): Email {
  return {
    kind: "password_reset_no_account", subject: "Demande de mot de passe sur Guichet",
    ...composeEmail({
      greeting: "Bonjour,",
      paragraphs: [
        "Quelqu'un, probablement vous, a demandé un nouveau mot de passe Guichet pour cette adresse électronique, mais aucun compte n'utilise cette adresse.",
        "Vous pouvez créer un compte, ou demander une invitation à l'administrateur de votre territoire.",
      ],
      action: { label: "Créer un compte", url: `${origin}/inscription` },
      after: [IGNORE],
    }),
  };
}

export function passwordResetDisabledEmail(): Email {
  return {
    kind: "password_reset_disabled", subject: "Demande de mot de passe sur Guichet",
    ...composeEmail({
      greeting: "Bonjour,",
      paragraphs: [
        "Quelqu'un, probablement vous, a demandé un nouveau mot de passe Guichet pour cette adresse électronique. Le compte qui l'utilise est désactivé : son mot de passe ne peut pas être réinitialisé.",
        "Adressez-vous à l'administrateur de votre territoire pour le faire réactiver.",
      ],
      after: [IGNORE],
    }),
  };
}

export function passwordChangedEmail(origin: string): Email {
  return {
    kind: "password_changed", subject: "Votre mot de passe Guichet a été modifié",
    ...composeEmail({
      greeting: "Bonjour,",
      paragraphs: [
        "Le mot de passe de votre compte Guichet vient d'être modifié ; les autres sessions ouvertes de votre compte ont été fermées.",
        "Si vous n'êtes pas à l'origine de ce changement, choisissez tout de suite un nouveau mot de passe et prévenez l'administrateur de votre territoire.",
      ],
      action: { label: "Choisir un nouveau mot de passe", url: `${origin}/mot-de-passe/oubli` },
    }),
  };
}
