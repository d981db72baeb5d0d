/** The French words for the people's roles and the organisations' kinds, shared by the shell and the pages. */
import type { InvitationStatus, LegalStatus, OrganisationRole, Role } from "./api/types";

export const ROLE_LABELS: Record<Role, string> = { manager: "Gestionnaire", instructor: "Instruction", committee: "Comité", admin: "Administration" };

export const ORGANISATION_ROLE_LABELS: Record<OrganisationRole, string> = { owner: "Responsable", member: "Membre" };

export const LEGAL_STATUS_LABELS: Record<LegalStatus, string> = {
  association: "Association",
  collectivite: "Collectivité territoriale",
  entreprise: "Entreprise",
  etablissement_public: "Établissement public",
  autre: "Autre",
};

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = { pending: "En attente", expired: "Expirée", used: "Acceptée", revoked: "Révoquée" };

/** "12345678901234" → "123 456 789 01234" (SIREN then NIC), as printed on official papers. */
export function formatSiret(siret: string | null | undefined): string {
  if (!siret) return "—";
  const digits = siret.replace(/\s+/g, "");
  return digits.length === 14 ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}` : siret;
}

/** What a person types ("123 456 789 01234", with or without spaces) as the server expects it. */
export function normaliseSiret(typed: string): string {
  return typed.replace(/[\s.\u00a0-]+/g, "");
}
