/**
 * The SIRET of an organisation: typed with spaces or not, stored as its 14
 * digits, checked with its checksum, and unique — one organisation per SIRET
 * (the others ask to join it).
 */
import { Refusal } from "../engine/decide-transition";
import { isSiret } from "../engine/formats";
import { AppError } from "../http/problem";

/** The digits of a SIRET typed with spaces (ordinary, non-breaking or thin) or dots. */
export function normaliseSiret(raw: string): string {
  return raw.replace(/[\s\u00a0\u202f.]/g, "");
}

/** The normalised SIRET, or a refusal naming the field. */
export function checkSiret(raw: string, pointer = "/siret"): string {
  const siret = normaliseSiret(raw);
  if (!isSiret(siret)) {
    throw new Refusal("input", "Numéro SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.", [{ code: "field", message: "numéro SIRET invalide (14 chiffres, clé de contrôle)", pointers: [pointer] }]);
  }
  return siret;
}

export function siretTaken(siret: string): AppError {
  return new AppError("siret_taken", 409, "Organisation déjà inscrite",
    `Une organisation est déjà inscrite avec le SIRET ${siret} : demandez à la rejoindre plutôt que d'en créer une autre.`,
    [{ pointer: "/siret", message: "SIRET déjà inscrit" }]);
}
