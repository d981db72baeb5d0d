/**
 * ProConnect's settings, read once from the environment. ProConnect is
 * optional: without PROCONNECT_ISSUER there is no configuration and the
 * sign-in button is not offered. A half-filled configuration stops the
 * start-up with a French message instead of failing at the first sign-in.
 */

export type ProConnectConfig = {
  /** The issuer identifier, e.g. https://auth.agentconnect.gouv.fr/api/v2 (discovery at /.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Declared at ProConnect; by default `${PUBLIC_ORIGIN}/api/auth/proconnect/callback`. */
  redirectUri: string;
  /** Where the provider sends the browser back after its logout; by default `${PUBLIC_ORIGIN}/connexion`. */
  postLogoutRedirectUri: string;
  /** Space-separated; by default "openid email given_name usual_name". */
  scopes: string;
  /** Sent as acr_values when set (e.g. "eidas1"); ProConnect refuses parameters it does not expect, so none by default. */
  acrValues?: string;
};

export const DEFAULT_PROCONNECT_SCOPES = "openid email given_name usual_name";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True when plain HTTP may be used towards the issuer: only on this machine (tests, a local mock). */
export function isLoopbackHttp(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === "http:" && LOOPBACK.has(parsed.hostname);
}

function checkedUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} n'est pas une adresse valide : ${value}`);
  }
  if (url.protocol !== "https:" && !isLoopbackHttp(value)) {
    throw new Error(`${name} doit être une adresse https (http n'est admis que sur 127.0.0.1 ou localhost) : ${value}`);
  }
  return value;
}

/** The configuration from PROCONNECT_* (and PUBLIC_ORIGIN for the defaults); undefined when PROCONNECT_ISSUER is unset. */
export function proConnectConfigFromEnv(env: Record<string, string | undefined> = process.env): ProConnectConfig | undefined {
  const issuer = env.PROCONNECT_ISSUER?.trim();
  if (!issuer) return undefined;
  const missing = ["PROCONNECT_CLIENT_ID", "PROCONNECT_CLIENT_SECRET"].filter((name) => !env[name]?.trim());
  const origin = env.PUBLIC_ORIGIN?.trim().replace(/\/+$/, "");
  if (!origin && !env.PROCONNECT_REDIRECT_URI) missing.push("PROCONNECT_REDIRECT_URI (ou PUBLIC_ORIGIN)");
  if (!origin && !env.PROCONNECT_POST_LOGOUT_REDIRECT_URI) missing.push("PROCONNECT_POST_LOGOUT_REDIRECT_URI (ou PUBLIC_ORIGIN)");
  if (missing.length > 0) throw new Error(`ProConnect est activé (PROCONNECT_ISSUER) mais il manque : ${missing.join(", ")}.`);
  const acrValues = env.PROCONNECT_ACR_VALUES?.trim();
  return {
    issuer: checkedUrl("PROCONNECT_ISSUER", issuer),
    clientId: env.PROCONNECT_CLIENT_ID!.trim(),
    clientSecret: env.PROCONNECT_CLIENT_SECRET!.trim(),
    redirectUri: checkedUrl("PROCONNECT_REDIRECT_URI", env.PROCONNECT_REDIRECT_URI?.trim() || `${origin}/api/auth/proconnect/callback`),
    postLogoutRedirectUri: checkedUrl(
      "PROCONNECT_POST_LOGOUT_REDIRECT_URI", env.PROCONNECT_POST_LOGOUT_REDIRECT_URI?.trim() || `${origin}/connexion`,
    ),
    scopes: env.PROCONNECT_SCOPES?.trim() || DEFAULT_PROCONNECT_SCOPES,
    ...(acrValues ? { acrValues } : {}),
  };
}
