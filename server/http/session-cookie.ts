/**
 * How a route that opens a session answers: the HttpOnly session cookie and
 * the body `{ account, csrfToken }` (login, accepted invitation, sign-up,
 * password reset; ProConnect's callback sets the same cookie on a redirect).
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

