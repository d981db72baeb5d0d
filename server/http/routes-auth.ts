/**
 * Sessions and accounts (invitations: routes-invitations.ts; organisations: routes-organisations.ts).
 */
import { deleteCookie, getCookie } from "hono/cookie";
import type { Context } from "hono";
import { actorOf, type Auth, type PublicAccount, type Session } from "../auth/accounts";
import type { Engine } from "../dossiers/engine";
import { listAccounts } from "../store/account-store";
import type { Db } from "../store/database";
import type { Api, AppEnv } from "./api";
import { AppError } from "./problem";
import { Account, LoginBody } from "./schemas";
import { sendSession, SESSION_COOKIE, SessionBody } from "./session-cookie";

export { SESSION_COOKIE } from "./session-cookie";

export type AuthRouteOptions = {
  auth: Auth; engine: Engine; db: Db; secureCookies: boolean; publicOrigin?: string; trustProxy?: boolean;
  /** For a session opened by an identity provider: the provider's logout URL, read before the session is closed. */
  providerLogoutUrl?: (sessionToken: string) => Promise<string | undefined>;
};

/** The client's address: the socket's, or behind a trusted proxy the last address it appended to X-Forwarded-For. */
export function clientIp(c: Context<AppEnv>, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").map((a) => a.trim()).filter(Boolean);
    if (forwarded && forwarded.length > 0) return forwarded[forwarded.length - 1]!;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}

export function registerAuthRoutes(api: Api, options: AuthRouteOptions): void {
  const { auth, db } = options;
  const startSession = (c: Context<AppEnv>, session: Session) => sendSession(c, session, options.secureCookies);
  const sessionBody = SessionBody;

  api.route<{ email: string; password: string }>({
    method: "post", path: "/api/auth/login", summary: "Se connecter (ouvre une nouvelle session)", tags: ["Sessions"], access: "public", body: LoginBody,
    success: { status: 200, description: "Session ouverte ; cookie de session posé", schema: sessionBody }, errors: [403, 429],
    handler: async (c, body) => startSession(c, await auth.login(body.email, body.password, clientIp(c, options.trustProxy), getCookie(c, SESSION_COOKIE))),
  });
  api.route({
    method: "post", path: "/api/auth/logout", summary: "Se déconnecter", tags: ["Sessions"], access: "authenticated", body: { type: "object", additionalProperties: false, properties: {} },
    success: { status: 204, description: "Session fermée (après une connexion ProConnect : 200 { logoutUrl }, où le navigateur va ensuite)" },
    handler: async (c) => {
      const token = c.get("sessionToken");
      const logoutUrl = token && options.providerLogoutUrl ? await options.providerLogoutUrl(token) : undefined;
      if (token) await auth.logout(token);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return logoutUrl ? c.json({ logoutUrl }) : c.body(null, 204);
    },
  });
  api.route({
    method: "get", path: "/api/auth/me", summary: "La personne connectée et son jeton CSRF", tags: ["Sessions"], access: "authenticated",
    success: { status: 200, description: "Compte et jeton", schema: sessionBody },
    handler: (c, _b, account) => c.json({ account, csrfToken: c.get("csrfToken") }),
  });
  api.route({
    method: "get", path: "/api/accounts", summary: "Les comptes du territoire", tags: ["Comptes"], access: ["admin"],
    success: { status: 200, description: "Comptes", schema: { type: "object", properties: { items: { type: "array", items: Account } } } },
    handler: async (c, _b, account) => c.json({
      items: (await listAccounts(db.kysely, account!.territoryCode)).map((a) => ({ id: a.id, email: a.email, displayName: a.display_name, role: a.role, territoryCode: a.territory_code, organisationId: a.organisation_id, organisationRole: a.organisation_role, status: a.status })),
    }),
  });
  api.route<{ status: "active" | "disabled" }>({
    method: "put", path: "/api/accounts/:id/status", summary: "Désactiver ou réactiver un compte du territoire (ferme ses sessions)", tags: ["Comptes"], access: ["admin"],
    body: { type: "object", additionalProperties: false, required: ["status"], properties: { status: { enum: ["active", "disabled"] } } },
    success: { status: 200, description: "Compte", schema: Account }, errors: [404, 422],
    handler: async (c, body, account) => c.json(await auth.setStatus(account!, c.req.param("id")!, body.status)),
  });
}

/** The engine's actor for the person behind a request. */
export function actor(account: PublicAccount | null): ReturnType<typeof actorOf> {
  if (!account) throw new AppError("unauthenticated", 401, "Authentification requise", "Connectez-vous pour accéder à cette ressource.");
  return actorOf(account);
}
