/**
 * Error messages as a person reads them. Ajv's French text for a missing
 * value names the property's code ("requiert la propriété siret"): the field's
 * label is already shown beside it, so it just says what to do.
 */
export const REQUIRED_MESSAGE = "à renseigner";

type Keyed = { keyword?: string | undefined; message: string };

export function readableMessage<T extends Keyed>(error: T): T {
  return error.keyword === "required" ? { ...error, message: REQUIRED_MESSAGE } : error;
}

/** An error shown on its own (under a field): with a capital letter and a full stop. */
export function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const capital = text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
