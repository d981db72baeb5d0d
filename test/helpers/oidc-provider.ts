/**
 * A real OpenID provider for the tests (oidc-provider), shaped like
 * ProConnect: code flow with PKCE required, client_secret_post, RS256 ID
 * tokens, a signed JWT from userinfo, the scopes given_name / usual_name /
 * siret, and RP-initiated logout. It listens on 127.0.0.1 (free port); plain
 * HTTP is accepted there by both sides. Its development login and consent
 * pages stand in for the federation's; `signIn` walks them with fetch.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type ProviderUser = { email: string; email_verified?: boolean; given_name: string; usual_name: string; siret?: string };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Mutable: a test may change a person's address at the provider. */
  users: Record<string, ProviderUser>;
  /** While false, every request answers 503 (the provider is down). */
  setAvailable(available: boolean): void;
  close(): Promise<void>;
};

/** Starts the provider with its people (subject → claims) and Guichet's redirect URIs. */
export async function startOidcProvider(options: {
  users: Record<string, ProviderUser>;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Userinfo as plain JSON instead of ProConnect's signed JWT (to check that Guichet refuses it). */
  plainUserinfo?: boolean;
}): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "guichet-test";
  const clientSecret = randomBytes(24).toString("base64url");
  const users = options.users;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, post_logout_redirect_uris: options.postLogoutRedirectUris,
      grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "RS256", ...(options.plainUserinfo ? {} : { userinfo_signed_response_alg: "RS256" }),
    }],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-rs256", alg: "RS256", use: "sig" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    pkce: { required: () => true },
    // ProConnect's lifetimes: a code lives 30 s, an access token 60 s.
    ttl: { AuthorizationCode: 30, AccessToken: 60, IdToken: 3600, Interaction: 600, Session: 43_200, Grant: 43_200 },
    claims: { openid: ["sub"], email: ["email", "email_verified"], given_name: ["given_name"], usual_name: ["usual_name"], siret: ["siret"] },
    features: { devInteractions: { enabled: true }, jwtUserinfo: { enabled: !options.plainUserinfo }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, sub) {
      if (!users[sub]) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...users[sub] }) };
    },
  });
  provider.on("server_error", (_ctx, error) => console.error("oidc-provider", error));
  const handle = provider.callback();
  let available = true;
  server.on("request", (req, res) => {
    if (available) return handle(req, res);
    res.writeHead(503).end();
  });
  return {
    issuer, clientId, clientSecret, users,
    setAvailable: (value) => { available = value; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A minimal cookie jar for fetch (the provider's own cookies, all on one host). */
function jar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    store(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(";");
        const [name, ...value] = pair!.split("=");
        const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
        if (expired) cookies.delete(name!.trim());
        else cookies.set(name!.trim(), value.join("="));
      }
    },
  };
}

/**
 * Follows the provider from Guichet's authorization URL as a browser would:
 * the login form (with the person's subject), the consent form, until the
 * redirect back to Guichet, whose URL is returned (code, state, iss).
 */
export async function signIn(authorizationUrl: string, subject: string, guichetPrefix: string): Promise<string> {
  const cookies = jar();
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(guichetPrefix)) return url;
    const res = await fetch(url, { redirect: "manual", headers: { cookie: cookies.header() } });
    cookies.store(res);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action || !prompt) throw new Error(`fournisseur : page inattendue ${res.status} ${url}\n${html.slice(0, 500)}`);
    const body = new URLSearchParams(prompt === "login" ? { prompt, login: subject, password: "x" } : { prompt });
    const posted = await fetch(new URL(action.replace(/&amp;/g, "&"), url), {
      method: "POST", redirect: "manual", body, headers: { cookie: cookies.header(), "content-type": "application/x-www-form-urlencoded" },
    });
    cookies.store(posted);
    if (posted.status < 300 || posted.status >= 400) throw new Error(`fournisseur : ${prompt} refusé ${posted.status} ${await posted.text()}`);
    url = new URL(posted.headers.get("location")!, url).href;
  }
  throw new Error("fournisseur : trop de redirections");
}
