/**
 * Sign-in with ProConnect (OpenID Connect, authorization code with PKCE S256,
 * state and nonce) through openid-client. The provider's metadata is
 * discovered once, lazily, and again after a failure. What a sign-in must
 * remember between the redirect and the callback (PKCE verifier, nonce, the
 * page to return to) stays on the server, in a one-time `email_tokens` row of
 * purpose "oidc_state" whose raw token is the state (10 minutes, only its
 * hash stored); the state is also put in an HttpOnly cookie, so that a
 * callback only works in the browser that started it (no login CSRF).
 * Expired states are deleted as new sign-ins start.
 * ID tokens and the userinfo JWT are RS256, their signatures checked against
 * the provider's keys.
 */
import * as oidc from "openid-client";
import type { Logger } from "pino";
import type { Db } from "../store/database";
import { findSession } from "../store/account-store";
import type { Auth, Session } from "./accounts";
import { consumeEmailToken, issueEmailToken, sha256 } from "./email-tokens";
import { isLoopbackHttp, type ProConnectConfig } from "./proconnect-config";
import { ProConnectRefusal } from "./proconnect-errors";
import { linkAccount, type ProviderIdentity } from "./proconnect-link";

export const PROVIDER = "proconnect";
const STATE_PURPOSE = "oidc_state";
const STATE_TTL_MS = 10 * 60_000;

type Pending = { verifier: string; nonce: string; retour: string };
export type ProConnect = ReturnType<typeof createProConnect>;

export function createProConnect(options: { config: ProConnectConfig; db: Db; auth: Auth; now: () => Date; logger?: Logger }) {
  const { config, db, auth, now } = options;
  let discovered: Promise<oidc.Configuration> | undefined;

  function configuration(): Promise<oidc.Configuration> {
    discovered ??= oidc.discovery(
      new URL(config.issuer), config.clientId,
      { client_secret: config.clientSecret, id_token_signed_response_alg: "RS256", userinfo_signed_response_alg: "RS256" },
      oidc.ClientSecretPost(config.clientSecret),
      { timeout: 10, execute: [...(isLoopbackHttp(config.issuer) ? [oidc.allowInsecureRequests] : []), oidc.enableNonRepudiationChecks] },
    ).catch((error: unknown) => {
      discovered = undefined; // the next sign-in tries again
      options.logger?.warn({ err: error }, "ProConnect : découverte impossible");
      throw new ProConnectRefusal("proconnect_indisponible");
    });
    return discovered;
  }

  return {
    /** The provider's authorization URL and the state to keep in the browser's cookie. */
    async start(retour: string): Promise<{ url: string; state: string }> {
      const client = await configuration();
      const verifier = oidc.randomPKCECodeVerifier();
      const nonce = oidc.randomNonce();
      const data: Pending = { verifier, nonce, retour };
      const at = now();
      await db.kysely.deleteFrom("email_tokens").where("purpose", "=", STATE_PURPOSE).where("expires_at", "<", at.toISOString()).execute();
      const state = await issueEmailToken(db.kysely, { purpose: STATE_PURPOSE, email: "", data, ttlMs: STATE_TTL_MS, now: at });
      const url = oidc.buildAuthorizationUrl(client, {
        redirect_uri: config.redirectUri, scope: config.scopes, response_type: "code", state, nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256",
        ...(config.acrValues ? { acr_values: config.acrValues } : {}),
      });
      return { url: url.href, state };
    },

    /** Checks the provider's answer (state, code, PKCE, nonce, signatures), links the account and opens a session. */
    async finish(query: URLSearchParams, cookieState: string | undefined, previousToken?: string): Promise<{ session: Session; retour: string }> {
      const state = query.get("state");
      if (!state || !cookieState || state !== cookieState) throw new ProConnectRefusal("proconnect_etat");
      const pending = await consumeEmailToken(db.kysely, state, STATE_PURPOSE, now());
      if (!pending?.data) throw new ProConnectRefusal("proconnect_etat");
      const { verifier, nonce, retour } = JSON.parse(pending.data) as Pending;
      const error = query.get("error");
      if (error) throw new ProConnectRefusal(error === "access_denied" ? "proconnect_annule" : "proconnect_indisponible", `ProConnect : ${error}`);
      const client = await configuration();
      const current = new URL(config.redirectUri);
      current.search = query.toString();
      let idToken: string;
      let identity: ProviderIdentity;
      try {
        const tokens = await oidc.authorizationCodeGrant(client, current, {
          pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true,
        });
        const claims = tokens.claims()!;
        idToken = tokens.id_token!;
        const info = await oidc.fetchUserInfo(client, tokens.access_token, claims.sub);
        const name = [info.given_name, info.usual_name ?? info.family_name]
          .filter((p): p is string => typeof p === "string" && p.trim() !== "").join(" ");
        identity = {
          provider: PROVIDER, subject: claims.sub, email: typeof info.email === "string" ? info.email : undefined,
          emailVerified: typeof info.email_verified === "boolean" ? info.email_verified : undefined, displayName: name || undefined,
        };
      } catch (error) {
        options.logger?.warn({ err: error }, "ProConnect : réponse refusée");
        throw new ProConnectRefusal("proconnect_indisponible");
      }
      const account = await linkAccount(db, identity, now());
      return { session: await auth.openSession(account, previousToken, { name: PROVIDER, idToken }), retour };
    },

    /** For a session opened through ProConnect: the provider's end-session URL (with id_token_hint); undefined otherwise. */
    async logoutUrl(sessionToken: string): Promise<string | undefined> {
      const session = await findSession(db.kysely, sha256(sessionToken));
      if (session?.provider !== PROVIDER || !session.id_token) return undefined;
      try {
        return oidc.buildEndSessionUrl(await configuration(), {
          id_token_hint: session.id_token, state: oidc.randomState(), post_logout_redirect_uri: config.postLogoutRedirectUri,
        }).href;
      } catch {
        return undefined; // the local session is closed anyway
      }
    },
  };
}
