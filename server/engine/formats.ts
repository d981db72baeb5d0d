/**
 * String formats that procedure forms may use beyond the standard ones
 * (ajv-formats). Generic French administrative identifiers only.
 */

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** SIREN of La Poste, whose establishments' SIRETs follow a different checksum. */
const LA_POSTE_SIREN = "356000000";

/** A SIRET: 14 digits with a valid Luhn key (La Poste: digit sum multiple of 5). */
export function isSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN) && value !== "35600000000048") {
    const digitSum = [...value].reduce((s, c) => s + (c.charCodeAt(0) - 48), 0);
    return digitSum % 5 === 0;
  }
  return luhnValid(value);
}

/** A reference to an uploaded attachment (its identifier). */
export function isAttachmentRef(value: string): boolean {
  return /^[A-Za-z0-9_-]{8,64}$/.test(value);
}

export const CUSTOM_FORMATS: Record<string, (value: string) => boolean> = {
  siret: isSiret,
  attachment: isAttachmentRef,
};
