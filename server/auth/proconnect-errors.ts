/**
 * Why a ProConnect sign-in did not open a session. The callback sends the
 * browser to `/connexion?erreur=<code>`; the login page shows the French
 * sentence of its code (the same list, kept here as the reference).
 */

export const PROCONNECT_ERRORS = {
  proconnect_compte_inconnu: "Aucun compte ni invitation n'existe pour cette adresse : demandez une invitation à l'administrateur de votre territoire.",
  proconnect_compte_desactive: "Votre compte Guichet est désactivé : contactez l'administrateur de votre territoire.",
  proconnect_etat: "La connexion avec ProConnect a expiré ou a déjà servi : recommencez depuis la page de connexion.",
  proconnect_trop_de_tentatives: "Trop de tentatives de connexion depuis cette adresse : réessayez dans quelques minutes.",
  proconnect_annule: "La connexion avec ProConnect a été annulée.",
  proconnect_indisponible: "ProConnect est indisponible pour le moment : réessayez plus tard ou connectez-vous avec votre mot de passe.",
} as const;

export type ProConnectErrorCode = keyof typeof PROCONNECT_ERRORS;

export class ProConnectRefusal extends Error {
  constructor(readonly code: ProConnectErrorCode, detail?: string) {
    super(detail ?? PROCONNECT_ERRORS[code]);
    this.name = "ProConnectRefusal";
  }
}
