/**
 * The browser's side of a ProConnect sign-in: which providers are offered,
 * the redirect to the provider, and the callback that opens the session.
 * Both redirects answer 302 even on failure (to `/connexion?erreur=<code>`),
 * since a person's browser follows them, not a script. Without a ProConnect
 * configuration the routes exist and send the browser back to the login page.
 */
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Logger } from "pino";
import type { ProConnect } from "../auth/proconnect";
import { TooManyAttempts } from "../auth/accounts";
import { ProConnectRefusal, type ProConnectErrorCode } from "../auth/proconnect-errors";
import { enforceLimit, type Limit } from "../auth/rate-limit";
import type { Db } from "../store/database";
import type { Api } from "./api";
import { clientIp } from "./routes-auth";
import { SESSION_COOKIE, setSessionCookie } from "./session-cookie";

export const PROCONNECT_COOKIE = "guichet_proconnect";
const COOKIE_PATH = "/api/auth/proconnect";
/** Sign-ins started per IP and window: each one stores a pending state. */
const STARTS_PER_IP: Limit = { max: 30, windowMinutes: 15 };

/** A path of this site to go back to, or "/" for anything else (another origin, `//host`, a backslash trick, control characters). */
export function safeReturnPath(retour: string | undefined): string {
  if (!retour || retour.length > 1000 || !retour.startsWith("/") || retour.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(retour)) return "/";
  const base = "http://guichet.invalid";
  const url = new URL(retour, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
}

export type ProConnectRouteOptions = {
  proconnect?: ProConnect; db: Db; now: () => Date; secureCookies: boolean; trustProxy: boolean; logger?: Logger;
};

export function registerProConnectRoutes(api: Api, options: ProConnectRouteOptions): void {
  const { proconnect } = options;
  const refused = (code: ProConnectErrorCode) => `/connexion?erreur=${code}`;
  const codeOf = (error: unknown): ProConnectErrorCode => {
    if (error instanceof ProConnectRefusal) return error.code;
    options.logger?.error({ err: error }, "ProConnect : erreur inattendue");
    return "proconnect_indisponible";
  };

  api.route({
    method: "get", path: "/api/auth/providers", summary: "Les fournisseurs d'identité proposés à la connexion", tags: ["Sessions"], access: "public",
    success: { status: 200, description: "Fournisseurs activés", schema: { type: "object", properties: { proconnect: { type: "boolean" } } } },
    handler: (c) => c.json({ proconnect: proconnect !== undefined }),
  });
  api.route({
    method: "get", path: "/api/auth/proconnect/login", summary: "Se connecter avec ProConnect (redirige vers le fournisseur)",
    tags: ["Sessions"], access: "public",
    query: { type: "object", properties: { retour: { type: "string", description: "Chemin de ce site où revenir une fois connecté" } } },
    success: { status: 302, description: "Redirection vers ProConnect, ou vers /connexion?erreur=… s'il est indisponible" },
    handler: async (c) => {
      if (!proconnect) return c.redirect(refused("proconnect_indisponible"), 302);
      try {
        await enforceLimit(options.db.kysely, `proconnect-ip:${clientIp(c, options.trustProxy)}`, STARTS_PER_IP, options.now(), "Trop de connexions ProConnect commencées depuis cette adresse.");
      } catch (error) {
        if (error instanceof TooManyAttempts) return c.redirect(refused("proconnect_trop_de_tentatives"), 302);
        throw error;
      }
      try {
        const { url, state } = await proconnect.start(safeReturnPath(c.req.query("retour")));
        setCookie(c, PROCONNECT_COOKIE, state, { httpOnly: true, sameSite: "Lax", secure: options.secureCookies, path: COOKIE_PATH, maxAge: 600 });
        return c.redirect(url, 302);
      } catch (error) {
        return c.redirect(refused(codeOf(error)), 302);
      }
    },
  });
  api.route({
    method: "get", path: "/api/auth/proconnect/callback", summary: "Retour de ProConnect : ouvre la session (compte lié, ou créé depuis une invitation)",
    tags: ["Sessions"], access: "public",
    success: { status: 302, description: "Redirection vers la page demandée, session ouverte ; ou vers /connexion?erreur=… (refus)" },
    handler: async (c) => {
      if (!proconnect) return c.redirect(refused("proconnect_indisponible"), 302);
      const cookieState = getCookie(c, PROCONNECT_COOKIE);
      deleteCookie(c, PROCONNECT_COOKIE, { path: COOKIE_PATH });
      try {
        const { session, retour } = await proconnect.finish(new URL(c.req.url).searchParams, cookieState, getCookie(c, SESSION_COOKIE));
        setSessionCookie(c, session.token, options.secureCookies);
        return c.redirect(safeReturnPath(retour), 302);
      } catch (error) {
        return c.redirect(refused(codeOf(error)), 302);
      }
    },
  });
}
