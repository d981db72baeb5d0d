/**
 * Rule messages are French text with `{{path}}` placeholders filled from the
 * evaluation context; numbers are written the French way (0,3 ; 2 500).
 */
export const TEMPLATE_PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

function read(context: object, path: string): unknown {
  let value: unknown = context;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return "non renseigné";
  if (typeof value === "number") return value.toLocaleString("fr-FR", { maximumFractionDigits: 4 });
  if (typeof value === "boolean") return value ? "oui" : "non";
  return String(value);
}

export function renderTemplate(message: string, context: object): string {
  return message.replace(TEMPLATE_PLACEHOLDER, (_m, path: string) => show(read(context, path)));
}
