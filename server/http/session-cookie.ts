/**
 * How a route that opens a session answers: the HttpOnly session cookie and
 * the body `{ account, csrfToken }` (login, accepted invitation, sign-up,
 * password reset).
 */
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import type { Session } from "../auth/accounts";
import type { AppEnv } from "./api";
import { Account } from "./schemas";

export const SESSION_COOKIE = "guichet_session";
export const SessionBody = { type: "object", properties: { account: Account, csrfToken: { type: "string" } } };

export function sendSession(c: Context<AppEnv>, session: Session, secureCookies: boolean): Response {
  setCookie(c, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "Lax", secure: secureCookies, path: "/" });
  return c.json({ account: session.account, csrfToken: session.csrfToken });
}

/** The origin put in emailed links: the configured public origin, else the request's own. */
export function linkOrigin(c: Context<AppEnv>, publicOrigin?: string): string {
  return publicOrigin ?? new URL(c.req.url).origin;
}
