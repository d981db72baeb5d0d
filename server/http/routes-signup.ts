/**
 * Sign-up of managers, forgotten passwords and password change. The routes
 * that start from an address answer 202 with the same message whatever the
 * address; the routes that use an emailed link answer 404 for a link that is
 * unknown, expired or used.
 */
import { getCookie } from "hono/cookie";
import type { Auth } from "../auth/accounts";
import { changePassword } from "../auth/password-change";
import { createPasswordReset, FORGOT_MESSAGE } from "../auth/password-reset";
import type { Limits } from "../auth/rate-limit";
import { createSignup, SIGNUP_MESSAGE } from "../auth/signup";
import { Refusal } from "../engine/decide-transition";
import type { Db } from "../store/database";
import type { Api } from "./api";
import { clientIp } from "./routes-auth";
import { EmailOnlyBody, MessageResponse, PasswordChangeBody, PasswordResetBody, SignupCompleteBody, TokenOnlyBody } from "./schemas";
import { sendSession, SESSION_COOKIE, SessionBody } from "./session-cookie";

export type SignupRouteOptions = { auth: Auth; db: Db; secureCookies: boolean; /** The fixed origin of emailed links (never the request's Host). */ linkOrigin: string; trustProxy?: boolean; limits?: Limits };

export function registerSignupRoutes(api: Api, options: SignupRouteOptions): void {
  const services = { db: options.db, auth: options.auth, ...(options.limits ? { limits: options.limits } : {}) };
  const signup = createSignup(services);
  const reset = createPasswordReset(services);

  api.route<{ email: string }>({
    method: "post", path: "/api/signup", summary: "Créer un compte gestionnaire : recevoir un lien de vérification par courriel", tags: ["Comptes"], access: "public",
    body: EmailOnlyBody, success: { status: 202, description: "Demande prise en compte (même réponse que l'adresse ait un compte ou non)", schema: MessageResponse }, errors: [429],
    handler: async (c, body) => {
      await signup.request(body.email, clientIp(c, options.trustProxy), options.linkOrigin);
      return c.json({ message: SIGNUP_MESSAGE }, 202);
    },
  });
  api.route<{ token: string }>({
    method: "post", path: "/api/signup/inspect", summary: "L'adresse d'un lien de création de compte encore valable", tags: ["Comptes"], access: "public",
    body: TokenOnlyBody, success: { status: 200, description: "Adresse vérifiée", schema: { type: "object", required: ["email"], properties: { email: { type: "string" } } } }, errors: [404],
    handler: async (c, body) => {
      const found = await signup.inspect(body.token);
      if (!found) throw new Refusal("not_found", "Ce lien n'existe pas, a expiré ou a déjà servi : recommencez la création de compte.");
      return c.json(found);
    },
  });
  api.route<{ token: string; displayName: string; password: string }>({
    method: "post", path: "/api/signup/complete", summary: "Terminer la création de compte (lien à usage unique) : nom et mot de passe", tags: ["Comptes"], access: "public",
    body: SignupCompleteBody, success: { status: 200, description: "Compte créé, session ouverte", schema: SessionBody }, errors: [404, 409, 422, 429],
    handler: async (c, body) => sendSession(c, await signup.complete(body, clientIp(c, options.trustProxy), getCookie(c, SESSION_COOKIE)), options.secureCookies),
  });
  api.route<{ email: string }>({
    method: "post", path: "/api/password/forgot", summary: "Mot de passe oublié : recevoir un lien pour en choisir un nouveau", tags: ["Sessions"], access: "public",
    body: EmailOnlyBody, success: { status: 202, description: "Demande prise en compte (même réponse pour toute adresse)", schema: MessageResponse }, errors: [429],
    handler: async (c, body) => {
      await reset.forgot(body.email, clientIp(c, options.trustProxy), options.linkOrigin);
      return c.json({ message: FORGOT_MESSAGE }, 202);
    },
  });
  api.route<{ token: string; password: string }>({
    method: "post", path: "/api/password/reset", summary: "Choisir un nouveau mot de passe (lien à usage unique) ; ferme toutes les sessions du compte", tags: ["Sessions"], access: "public",
    body: PasswordResetBody, success: { status: 200, description: "Mot de passe changé, nouvelle session ouverte", schema: SessionBody }, errors: [404, 422, 429],
    handler: async (c, body) => sendSession(c, await reset.reset(body, clientIp(c, options.trustProxy), options.linkOrigin, getCookie(c, SESSION_COOKIE)), options.secureCookies),
  });
  api.route<{ currentPassword: string; newPassword: string }>({
    method: "put", path: "/api/auth/password", summary: "Changer son mot de passe ; ferme ses autres sessions", tags: ["Sessions"], access: "authenticated",
    body: PasswordChangeBody, success: { status: 204, description: "Mot de passe changé" }, errors: [422, 429],
    handler: async (c, body, account) => {
      await changePassword(services, { account: account!, sessionToken: c.get("sessionToken")! }, body, options.linkOrigin);
      return c.body(null, 204);
    },
  });
}
