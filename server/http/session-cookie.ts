/**
 * How a route that opens a session answers: the HttpOnly session cookie and
 * the body `{ account, csrfToken }` (login, accepted invitation, sign-up,
 * password reset; ProConnect's callback sets the same cookie on a redirect).
 * Also the origin of the links put in emails, fixed when the app is built.
 */
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import type { Session } from "../auth/accounts";
import type { AppEnv } from "./api";
import { Account } from "./schemas";

export const SESSION_COOKIE = "guichet_session";
export const SessionBody = { type: "object", properties: { account: Account, csrfToken: { type: "string" } } };

/** Sets the HttpOnly session cookie (also on ProConnect's redirect back). */
export function setSessionCookie(c: Context, token: string, secureCookies: boolean): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Lax", secure: secureCookies, path: "/" });
}

export function sendSession(c: Context<AppEnv>, session: Session, secureCookies: boolean): Response {
  setSessionCookie(c, session.token, secureCookies);
  return c.json({ account: session.account, csrfToken: session.csrfToken });
}

/**
 * The origin put in emailed links: the one createApp was given (PUBLIC_ORIGIN,
 * else the address Guichet listens on), passed down to the routes — never the
 * request's Host header, which anyone can set. The request is not read.
 */
export function linkOrigin(_c: Context<AppEnv>, origin: string | undefined): string {
  if (!origin) throw new Error("L'origine des liens envoyés par courriel n'est pas configurée.");
  return origin;
}
