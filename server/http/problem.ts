/**
 * Errors as RFC 9457 problem details: a stable `code`, a French `title` and
 * `detail`, and for validation the list of `{ pointer, message }`. One
 * handler turns every thrown error into one; never a stack trace.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ProblemField = { pointer: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ProblemField[],
  ) {
    super(detail ?? title);
    this.name = "AppError";
  }
}

export function problem(c: Context, error: AppError): Response {
  const body = {
    type: `about:blank#${error.code}`,
    code: error.code,
    status: error.status,
    title: error.title,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
  return c.body(JSON.stringify(body), error.status, { "Content-Type": "application/problem+json; charset=utf-8" });
}

export function onError(error: Error, c: Context): Response {
  if (error instanceof AppError) return problem(c, error);
  console.error(error);
  return problem(c, new AppError("internal", 500, "Erreur interne", "Une erreur inattendue est survenue ; elle a été journalisée."));
}

export function notFound(c: Context): Response {
  return problem(c, new AppError("not_found", 404, "Ressource introuvable", `Aucune ressource à l'adresse ${new URL(c.req.url).pathname}.`));
}

/** Reads a JSON object body, or throws a 400/415 problem naming what is wrong. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", 415, "Type de contenu non pris en charge", "Envoyez le corps de la requête en application/json.");
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError("malformed_json", 400, "JSON mal formé", "Le corps de la requête n'est pas un JSON valide.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("invalid_body", 400, "Corps de requête invalide", "Le corps de la requête doit être un objet JSON.", [{ pointer: "/", message: "doit être un objet" }]);
  }
  return body as Record<string, unknown>;
}
