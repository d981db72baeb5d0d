/**
 * The HTTP application, built by a factory so that tests call `app.request()`
 * without a socket. Middleware order matters: request id and log first, then
 * security headers, body size limit, the session (cookie → account), the CSRF
 * defence on every state-changing request, then the routes; errors of every
 * kind leave through one handler as problem+json.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { getCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import type { Auth } from "../auth/accounts";
import { createProConnect } from "../auth/proconnect";
import type { ProConnectConfig } from "../auth/proconnect-config";
import type { Engine } from "../dossiers/engine";
import { MAX_ATTACHMENT_BYTES } from "../dossiers/attachments";
import { pingDatabase, type Db } from "../store/database";
import { Api, type AppEnv } from "./api";
import { openApiDocument, REFERENCE_CSS, referencePage } from "./openapi";
import { AppError, notFound, onError, problem } from "./problem";
import { registerAuthRoutes, SESSION_COOKIE } from "./routes-auth";
import { registerDossierRoutes } from "./routes-dossiers";
import { registerOrganisationRoutes } from "./routes-organisations";
import { registerProcedureRoutes } from "./routes-procedures";
import { registerBrowserRoutes } from "./routes-browser";
import { registerInvitationRoutes } from "./routes-invitations";
import { registerSignupRoutes } from "./routes-signup";
import { registerProConnectRoutes } from "./routes-proconnect";

export type AppOptions = {
  engine: Engine;
  auth: Auth;
  db: Db;
  logger?: Logger;
  /** Cookies marked Secure (behind TLS). */
  secureCookies?: boolean;
  /** The site's public origin (e.g. https://guichet.example.fr): emailed links and the CSRF check use it. */
  publicOrigin?: string;
  /** The origin Guichet listens on (e.g. http://localhost:3000): emailed links use it when publicOrigin is unset — never the request's Host. */
  listenOrigin?: string;
  /** Trust X-Forwarded-Proto to tell TLS (behind a reverse proxy). */
  trustProxy?: boolean;
  maxJsonBytes?: number;
  /** The built web client (index.html and assets/); by default client/dist. */
  clientDir?: string;
  /** Sign-in with ProConnect for staff and managers (see proConnectConfigFromEnv); none by default. */
  proconnect?: ProConnectConfig;
};

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** The one inline style the DSFR's React binding writes (the page's colour scheme), allowed by its hash only. */
const COLOR_SCHEME_STYLES = ["light", "dark"].map((scheme) => `'sha256-${createHash("sha256").update(`:root { color-scheme: ${scheme}; }`).digest("base64")}'`);
const DEFAULT_LISTEN_ORIGIN = "http://localhost:3000";
export const DEFAULT_CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "client", "dist");

const CLIENT_MISSING = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Guichet</title></head>
<body><main><h1>Guichet</h1><p>Le client web n'est pas construit : lancez <code>npm run build</code> (ou <code>npm start</code>, qui le construit), puis rechargez la page.</p>
<p>L'API reste disponible : <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

/** The site's origin as the browser sees it (behind a trusted TLS proxy, https). */
function siteOrigin(requestUrl: string, forwardedProto: string | undefined): string {
  const url = new URL(requestUrl);
  if (forwardedProto === "https" || forwardedProto === "http") url.protocol = `${forwardedProto}:`;
  return url.origin;
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The routes that email links get this fixed origin, never the request's Host.
  const linkBase = options.publicOrigin ?? options.listenOrigin ?? DEFAULT_LISTEN_ORIGIN;
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
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", ...COLOR_SCHEME_STYLES], imgSrc: ["'self'", "data:"], fontSrc: ["'self'"],
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
  const proconnect = options.proconnect
    ? createProConnect({ config: options.proconnect, db: options.db, auth: options.auth, now: () => options.engine.now(), ...(options.logger ? { logger: options.logger } : {}) })
    : undefined;
  registerAuthRoutes(api, {
    auth: options.auth, engine: options.engine, db: options.db, secureCookies: options.secureCookies ?? false, trustProxy: options.trustProxy === true,
    ...(options.publicOrigin ? { publicOrigin: options.publicOrigin } : {}),
    ...(proconnect ? { providerLogoutUrl: proconnect.logoutUrl } : {}),
  });
  registerProConnectRoutes(api, {
    db: options.db, now: () => options.engine.now(), secureCookies: options.secureCookies ?? false, trustProxy: options.trustProxy === true,
    ...(proconnect ? { proconnect } : {}), ...(options.logger ? { logger: options.logger } : {}),
  });
  const accountRoutes = { auth: options.auth, db: options.db, secureCookies: options.secureCookies ?? false, trustProxy: options.trustProxy === true, linkOrigin: linkBase };
  registerInvitationRoutes(api, accountRoutes);
  registerSignupRoutes(api, accountRoutes);
  registerOrganisationRoutes(api, { engine: options.engine, db: options.db, clock: options.engine.now, linkOrigin: linkBase });
  registerProcedureRoutes(api, options.engine);
  registerDossierRoutes(api, options.engine);
  registerBrowserRoutes(api, options.engine);

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

  // The web client: hashed assets cached for good, every other page path answered with index.html (client-side routes).
  const clientDir = options.clientDir ?? DEFAULT_CLIENT_DIR;
  app.use("*", async (c, next) => {
    if (new URL(c.req.url).pathname.startsWith("/api/")) return next();
    return compress()(c, next);
  });
  app.use("/assets/*", async (c, next) => {
    await next();
    if (c.res.status === 200) c.header("Cache-Control", "public, max-age=31536000, immutable");
  });
  const files = existsSync(clientDir) ? serveStatic({ root: clientDir }) : null;
  app.get("*", async (c, next) => {
    const path = new URL(c.req.url).pathname;
    return path.startsWith("/api/") || !files || !/\.[a-z0-9]+$/i.test(path) ? next() : files(c, next);
  });
  app.get("*", (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith("/api/") || path.startsWith("/assets/") || /\.[a-z0-9]+$/i.test(path)) return next();
    const index = join(clientDir, "index.html");
    c.header("Cache-Control", "no-cache");
    return existsSync(index) ? c.html(readFileSync(index, "utf8")) : c.html(CLIENT_MISSING, 503);
  });
  return app;
}
