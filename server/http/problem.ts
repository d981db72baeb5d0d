/**
 * Errors as RFC 9457 problem details: a stable `code`, a French `title` and
 * `detail`, and for validation the list of `{ pointer, message }`. One
 * handler turns every thrown error into one; never a stack trace.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { TooManyAttempts } from "../auth/accounts";
import { PackageError } from "../config/problems";
import { Refusal, type RefusalCode } from "../engine/decide-transition";
import { isUniqueViolation } from "../dossiers/context";

export type ProblemField = { pointer: string; message: string; rule?: string; file?: string };

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

const REFUSALS: Record<RefusalCode, { status: ContentfulStatusCode; title: string }> = {
  not_found: { status: 404, title: "Ressource introuvable" },
  forbidden: { status: 403, title: "Accès refusé" },
  role: { status: 403, title: "Action non autorisée pour votre rôle" },
  wrong_state: { status: 409, title: "Action impossible dans l'état actuel" },
  conflict: { status: 409, title: "Modification concurrente" },
  not_editable: { status: 409, title: "Données non modifiables" },
  input: { status: 422, title: "Données invalides" },
  guard: { status: 422, title: "Conditions non remplies" },
};

/** A refusal of the engine as a problem: its code, status, French message and reasons. */
export function refusalProblem(refusal: Refusal): AppError {
  const { status, title } = REFUSALS[refusal.code];
  const errors = refusal.reasons.flatMap((r) => (r.pointers?.length ? r.pointers : ["/"]).map((pointer) => ({ pointer, message: r.message, ...(r.rule ? { rule: r.rule } : {}) })));
  return new AppError(refusal.code, status, title, refusal.message, errors.length > 0 ? errors : undefined);
}

/** Turns any error into a problem; unexpected ones are reported through `logUnexpected`, never to the client. */
export function onError(error: Error, c: Context, logUnexpected: (error: Error) => void = (e) => console.error(e)): Response {
  if (error instanceof AppError) return problem(c, error);
  if (error instanceof Refusal) return problem(c, refusalProblem(error));
  if (error instanceof PackageError) {
    return problem(c, new AppError("invalid_package", 422, "Paquet de procédure invalide", `${error.problems.length} problème(s) : le paquet n'est pas publié.`,
      error.problems.map((p) => ({ file: p.file, pointer: p.pointer, message: p.message }))));
  }
  if (isUniqueViolation(error)) {
    return problem(c, new AppError("conflict", 409, "Modification concurrente", "Une autre requête a enregistré la même chose au même moment ; rechargez puis recommencez."));
  }
  if (error instanceof TooManyAttempts) {
    c.header("Retry-After", String(error.retryAfterSeconds));
    return problem(c, new AppError("too_many_attempts", 429, "Trop de tentatives", error.message));
  }
  logUnexpected(error);
  return problem(c, new AppError("internal", 500, "Erreur interne", "Une erreur inattendue est survenue ; elle a été journalisée."));
}

export function notFound(c: Context): Response {
  return problem(c, new AppError("not_found", 404, "Ressource introuvable", `Aucune ressource à l'adresse ${new URL(c.req.url).pathname}.`));
}

const MAX_JSON_DEPTH = 64;

/** Nesting depth of a parsed JSON value, without recursion (a hostile body cannot overflow the stack). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    max = Math.max(max, depth);
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** Reads a JSON object body (an empty body counts as `{}`), or throws a 400/415 problem naming what is wrong. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", 415, "Type de contenu non pris en charge", "Envoyez le corps de la requête en application/json.");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("malformed_json", 400, "JSON mal formé", "Le corps de la requête n'est pas un JSON valide.");
  }
  if (depthOf(body) > MAX_JSON_DEPTH) {
    throw new AppError("invalid_body", 400, "Corps de requête invalide", `Le JSON est imbriqué sur plus de ${MAX_JSON_DEPTH} niveaux.`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("invalid_body", 400, "Corps de requête invalide", "Le corps de la requête doit être un objet JSON.", [{ pointer: "/", message: "doit être un objet" }]);
  }
  return body as Record<string, unknown>;
}
