/**
 * The HTTP application, built by a factory so that tests call `app.request()`
 * without a socket. Middleware order matters: request id and log first, then
 * security headers, body size limit, the session (cookie → account), the CSRF
 * defence on every state-changing request, then the routes; errors of every
 * kind leave through one handler as problem+json.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import type { Auth } from "../auth/accounts";
import type { Engine } from "../dossiers/engine";
import { MAX_ATTACHMENT_BYTES } from "../dossiers/attachments";
import { pingDatabase, type Db } from "../store/database";
import { Api, type AppEnv } from "./api";
import { openApiDocument, REFERENCE_CSS, referencePage } from "./openapi";
import { AppError, notFound, onError, problem } from "./problem";
import { registerAuthRoutes, SESSION_COOKIE } from "./routes-auth";
import { registerDossierRoutes } from "./routes-dossiers";
import { registerProcedureRoutes } from "./routes-procedures";

export type AppOptions = {
  engine: Engine;
  auth: Auth;
  db: Db;
  logger?: Logger;
  /** Cookies marked Secure (behind TLS). */
  secureCookies?: boolean;
  /** The site's public origin (e.g. https://guichet.example.fr); by default the request's own. */
  publicOrigin?: string;
  /** Trust X-Forwarded-Proto to tell TLS (behind a reverse proxy). */
  trustProxy?: boolean;
  maxJsonBytes?: number;
};

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), "pages");

/** The site's origin as the browser sees it (behind a trusted TLS proxy, https). */
function siteOrigin(requestUrl: string, forwardedProto: string | undefined): string {
  const url = new URL(requestUrl);
  if (forwardedProto === "https" || forwardedProto === "http") url.protocol = `${forwardedProto}:`;
  return url.origin;
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const api = new Api(app);
  const maxJson = options.maxJsonBytes ?? 1024 * 1024;

  app.use(async (c, next) => {
    const started = performance.now();
    c.set("requestId", randomUUID());
    await next();
    options.logger?.info({ requestId: c.get("requestId"), method: c.req.method, path: new URL(c.req.url).pathname, status: c.res.status, ms: Math.round(performance.now() - started), account: c.get("account")?.id });
  });
  app.use(secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", "data:"], fontSrc: ["'self'"],
      connectSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"],
    },
    strictTransportSecurity: false,
    xFrameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
  }));
  app.use(async (c, next) => {
    const tls = new URL(c.req.url).protocol === "https:" || (options.trustProxy === true && c.req.header("x-forwarded-proto") === "https");
    if (tls) c.header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    await next();
  });
  app.use("/api/*", async (c, next) => {
    const limit = /^\/api\/dossiers\/[^/]+\/attachments$/.test(new URL(c.req.url).pathname) ? MAX_ATTACHMENT_BYTES + 64 * 1024 : maxJson;
    return bodyLimit({
      maxSize: limit,
      onError: (ctx) => problem(ctx, new AppError("payload_too_large", 413, "Requête trop volumineuse", `Le corps de la requête dépasse ${Math.round(limit / 1024)} Kio.`)),
    })(c, next);
  });
  app.use("/api/*", async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    const session = token ? await options.auth.resume(token) : null;
    c.set("sessionToken", session ? token : null);
    c.set("account", session?.account ?? null);
    c.set("csrfToken", session?.csrfToken ?? null);
    if (STATE_CHANGING.has(c.req.method)) {
      const origin = c.req.header("origin");
      const expected = options.publicOrigin ?? siteOrigin(c.req.url, options.trustProxy === true ? c.req.header("x-forwarded-proto") : undefined);
      if (origin !== undefined && origin !== expected) {
        return problem(c, new AppError("csrf", 403, "Origine refusée", "La requête ne vient pas de ce site."));
      }
      if (session && c.req.header("x-csrf-token") !== session.csrfToken) {
        return problem(c, new AppError("csrf", 403, "Jeton CSRF manquant ou invalide", "Rechargez la page puis recommencez."));
      }
    }
    await next();
  });

  app.onError((error, c) => onError(error, c, (e) => (options.logger ? options.logger.error({ err: e, requestId: c.get("requestId") }, "erreur inattendue") : console.error(e))));
  app.notFound((c) => {
    const methods = api.methodsFor(new URL(c.req.url).pathname);
    if (methods.length > 0) {
      c.header("Allow", methods.join(", "));
      return problem(c, new AppError("method_not_allowed", 405, "Méthode non permise", `Méthodes permises : ${methods.join(", ")}.`));
    }
    return notFound(c);
  });

  api.route({
    method: "get", path: "/api/health", summary: "État du service (base de données joignable)", tags: ["Service"], access: "public",
    success: { status: 200, description: "Service disponible", schema: { type: "object", properties: { status: { const: "ok" } } } }, errors: [503],
    handler: async (c) => {
      try {
        await pingDatabase(options.db);
      } catch {
        return problem(c, new AppError("database_unavailable", 503, "Base de données injoignable", "Le service ne peut pas joindre sa base de données."));
      }
      return c.json({ status: "ok" });
    },
  });
  registerAuthRoutes(api, {
    auth: options.auth, engine: options.engine, db: options.db, secureCookies: options.secureCookies ?? false, trustProxy: options.trustProxy === true,
    ...(options.publicOrigin ? { publicOrigin: options.publicOrigin } : {}),
  });
  registerProcedureRoutes(api, options.engine);
  registerDossierRoutes(api, options.engine);

  let document: Record<string, unknown> | undefined;
  api.route({
    method: "get", path: "/api/openapi.json", summary: "Ce document OpenAPI 3.1", tags: ["Service"], access: "public",
    success: { status: 200, description: "Document OpenAPI", schema: { type: "object" } },
    handler: (c) => c.json((document ??= openApiDocument(api.operations, process.env.npm_package_version ?? "0.1.0"))),
  });
  api.route({
    method: "get", path: "/api/docs", summary: "Page de référence de l'API", tags: ["Service"], access: "public",
    success: { status: 200, description: "Page HTML", content: "text/html" },
    handler: (c) => c.html(referencePage(api.operations)),
  });
  app.get("/api/docs.css", (c) => c.body(REFERENCE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" }));

  // The welcome page (until the web client takes over "/"): open calls, sign-in, my dossiers. No inline script.
  const page = (file: string) => readFileSync(join(PAGES_DIR, file), "utf8");
  const pages = { html: page("welcome.html"), js: page("welcome.js"), css: page("welcome.css") };
  app.get("/", (c) => c.html(pages.html));
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.get("/assets/welcome.js", (c) => c.body(pages.js, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  app.get("/assets/welcome.css", (c) => c.body(pages.css, 200, { "Content-Type": "text/css; charset=utf-8" }));
  return app;
}
