/**
 * Declares the API's routes once: each route registers its Hono handler
 * behind its access rule and its request validation, and its OpenAPI
 * operation from the same JSON Schemas — so the document cannot drift from
 * what the server checks. Also knows which methods a path allows (for 405).
 */
import type { Context, Hono } from "hono";
import type { Role } from "../engine/decide-transition";
import type { PublicAccount } from "../auth/accounts";
import { createAjv, type ValidateFunction } from "../engine/ajv";
import { toFieldErrors } from "../engine/field-errors";
import { AppError, readJsonObject } from "./problem";

export type AppVariables = { account: PublicAccount | null; csrfToken: string | null; sessionToken: string | null; requestId: string };
export type AppEnv = { Variables: AppVariables };
export type Access = "public" | "authenticated" | Role[];
type Method = "get" | "post" | "put" | "delete";

export type RouteSpec<B> = {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  /** JSON Schema of a JSON body (validated, unknown fields refused). */
  body?: Record<string, unknown>;
  /** JSON Schema of the query string parameters (strings; arrays of strings for a repeatable parameter). */
  query?: Record<string, unknown>;
  /** Content type of a non-JSON body (e.g. multipart/form-data), documented only. */
  bodyContent?: Record<string, unknown>;
  /** Success status and response schema, for the documentation. */
  success: { status: number; description: string; schema?: Record<string, unknown>; content?: string };
  /** Error statuses this route may answer, besides 401/403 from its access rule. */
  errors?: number[];
  handler: (c: Context<AppEnv>, body: B, account: PublicAccount | null) => Promise<Response> | Response;
};

export type Operation = Omit<RouteSpec<unknown>, "handler">;

const ajv = createAjv();

function requireAccess(c: Context<AppEnv>, access: Access): PublicAccount | null {
  const account = c.get("account");
  if (access === "public") return account;
  if (!account) throw new AppError("unauthenticated", 401, "Authentification requise", "Connectez-vous pour accéder à cette ressource.");
  if (access !== "authenticated" && !access.includes(account.role)) {
    throw new AppError("forbidden", 403, "Accès refusé", "Votre rôle ne permet pas cette opération.");
  }
  return account;
}

function validationError(validate: ValidateFunction, prefix = ""): AppError {
  return new AppError("invalid_request", 422, "Requête invalide", "Certaines valeurs de la requête sont invalides.",
    toFieldErrors(validate.errors).map((e) => ({ pointer: `${prefix}${e.pointer === "/" ? "" : e.pointer}` || "/", message: e.message })));
}

/** The query string as an object: one string per parameter, every value of a repeatable (array) parameter. */
function queryOf(c: Context<AppEnv>, schema: Record<string, unknown>): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = { ...c.req.query() };
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, { type?: unknown }>)) {
    if (property.type === "array" && name in query) query[name] = c.req.queries(name) ?? [];
  }
  return query;
}

export class Api {
  readonly operations: Operation[] = [];

  constructor(private readonly app: Hono<AppEnv>) {}

  route<B = Record<string, unknown>>(spec: RouteSpec<B>): void {
    const validateBody = spec.body ? ajv.compile(spec.body) : null;
    const validateQuery = spec.query ? ajv.compile(spec.query) : null;
    const { handler, ...operation } = spec;
    this.operations.push(operation as Operation);
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const account = requireAccess(c, spec.access);
      if (validateQuery && !validateQuery(queryOf(c, spec.query!))) throw validationError(validateQuery, "?");
      let body: unknown = undefined;
      if (validateBody) {
        body = await readJsonObject(c);
        if (!validateBody(body)) throw validationError(validateBody);
      }
      return handler(c, body as B, account);
    });
  }

  /** Methods declared for a concrete request path (empty when the path is unknown). */
  methodsFor(path: string): string[] {
    return this.operations
      .filter((op) => new RegExp(`^${op.path.replace(/:[A-Za-z]+/g, "[^/]+")}$`).test(path))
      .map((op) => op.method.toUpperCase());
  }
}
