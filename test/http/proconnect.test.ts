/**
 * Sign-in with ProConnect against a real OpenID provider on loopback
 * (oidc-provider, shaped like ProConnect): the whole code flow driven by
 * fetch through the provider's login and consent pages, and Guichet's
 * callback through `app.request`. Covers the linking rule (identity, then
 * verified address, then pending invitation, else refusal), state and replay
 * checks, the open-redirect guard, the logout at the provider, a disabled
 * account, and the provider being down then back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toPublic } from "../../server/auth/accounts";
import { createInvitations } from "../../server/auth/invitations";
import { proConnectConfigFromEnv, type ProConnectConfig } from "../../server/auth/proconnect-config";
import { safeReturnPath } from "../../server/http/routes-proconnect";
import { findAccount, findAccountByEmail, updateAccount } from "../../server/store/account-store";
import { DATABASES } from "../helpers/databases";
import { ORIGIN, setupHttp } from "../helpers/http-setup";
import { signIn, startOidcProvider, type TestProvider } from "../helpers/oidc-provider";

const CALLBACK = `${ORIGIN}/api/auth/proconnect/callback`;
const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);
const pathOf = (url: string) => { const u = new URL(url); return `${u.pathname}${u.search}`; };

describe.each(DATABASES.map((d) => [d.name, d] as const))("ProConnect sign-in (%s)", (_name, kind) => {
  let provider: TestProvider;
  let http: Awaited<ReturnType<typeof setupHttp>>;

  beforeAll(async () => {
    provider = await startOidcProvider({
      redirectUris: [CALLBACK], postLogoutRedirectUris: [`${ORIGIN}/connexion`],
      users: {
        "agent-instruction": { email: "Instructor@test.local", given_name: "Inès", usual_name: "Instruction" },
        "agent-invite": { email: "invitee@test.local", given_name: "Ivan", usual_name: "Invité", siret: "20063000600019" },
        "agent-revoque": { email: "revoked@test.local", given_name: "Rémi", usual_name: "Révoqué" },
        "agent-inconnu": { email: "inconnu@ailleurs.fr", given_name: "Igor", usual_name: "Inconnu" },
        "agent-non-verifie": { email: "committee@test.local", email_verified: false, given_name: "Colin", usual_name: "Comité" },
        "agent-admin": { email: "admin@test.local", given_name: "Ada", usual_name: "Admin" },
        "agent-desactive": { email: "foreigninstructor@test.local", given_name: "Fanny", usual_name: "Foreign" },
      },
    });
    const config: ProConnectConfig = {
      issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret,
      redirectUri: CALLBACK, postLogoutRedirectUri: `${ORIGIN}/connexion`, scopes: "openid email given_name usual_name siret",
    };
    http = await setupHttp({ proconnect: config, database: kind });
  }, 30_000);
  afterAll(async () => {
    await http?.cleanup();
    await provider?.close();
  });

  /** Starts at Guichet, signs in at the provider as `subject`, and calls Guichet's callback with the browser's cookie. */
  async function proconnect(subject: string, retour = "/") {
    const start = await http.anonymous.raw(`/api/auth/proconnect/login?retour=${encodeURIComponent(retour)}`);
    expect(start.status).toBe(302);
    const stateCookie = cookieOf(start, "guichet_proconnect")!;
    expect(stateCookie).toBeDefined();
    const callbackUrl = await signIn(start.headers.get("location")!, subject, CALLBACK);
    const callback = await http.anonymous.raw(pathOf(callbackUrl), { headers: { cookie: stateCookie } });
    expect(callback.status).toBe(302);
    return { start, stateCookie, callbackUrl, callback, location: callback.headers.get("location")!, session: cookieOf(callback, "guichet_session") };
  }

  async function me(session: string | undefined) {
    const res = await http.anonymous.raw("/api/auth/me", { headers: { cookie: session ?? "" } });
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as { account: { id: string; email: string; role: string; displayName: string; territoryCode: string }; csrfToken: string }) : undefined };
  }
  const identities = () => http.database.db.kysely.selectFrom("identities").selectAll().execute();
  const accountCount = async () => (await http.database.db.kysely.selectFrom("accounts").select("id").execute()).length;

    it("says which providers are offered and redirects with PKCE S256, state, nonce and the scopes", async () => {
      expect(await (await http.anonymous.raw("/api/auth/providers")).json()).toEqual({ proconnect: true });
      const start = await http.anonymous.raw("/api/auth/proconnect/login");
      const url = new URL(start.headers.get("location")!);
      expect(url.origin).toBe(provider.issuer);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        client_id: provider.clientId, response_type: "code", redirect_uri: CALLBACK, scope: "openid email given_name usual_name siret", code_challenge_method: "S256",
      });
      for (const p of ["state", "nonce", "code_challenge"]) expect(url.searchParams.get(p)!.length, p).toBeGreaterThanOrEqual(32);
      expect(start.headers.get("set-cookie")).toMatch(/guichet_proconnect=.*HttpOnly.*SameSite=Lax/i);
    });

    it("links an existing account by its verified address, then signs in through the identity even after the address changed", async () => {
      const first = await proconnect("agent-instruction", "/dossiers?etat=depose");
      expect(first.location).toBe("/dossiers?etat=depose");
      const signedIn = await me(first.session);
      expect(signedIn.body?.account).toMatchObject({ id: http.accounts.instructor!.id, email: "instructor@test.local", role: "instructor" });
      expect(await identities()).toContainEqual(expect.objectContaining({ provider: "proconnect", subject: "agent-instruction", account_id: http.accounts.instructor!.id }));

      provider.users["agent-instruction"]!.email = "ines.instruction@nouvelle-adresse.fr";
      const second = await proconnect("agent-instruction");
      expect(second.location).toBe("/");
      expect((await me(second.session)).body?.account.id).toBe(http.accounts.instructor!.id);
      expect((await identities()).find((i) => i.subject === "agent-instruction")?.email).toBe("ines.instruction@nouvelle-adresse.fr");
      expect(await findAccountByEmail(http.database.db.kysely, "ines.instruction@nouvelle-adresse.fr")).toBeUndefined();
    });

    it("creates the account from a pending invitation (role and territory from it, invitation used, no password)", async () => {
      const admin = toPublic((await findAccount(http.database.db.kysely, http.accounts.admin!.id))!);
      await createInvitations({ db: http.database.db, clock: http.clock.fn }).invite(admin, { email: "invitee@test.local", role: "committee" }, ORIGIN);
      const { location, session } = await proconnect("agent-invite", "/comite");
      expect(location).toBe("/comite");
      const account = (await me(session)).body!.account;
      expect(account).toMatchObject({ email: "invitee@test.local", role: "committee", territoryCode: "63", displayName: "Ivan Invité" });
      const invitation = await http.database.db.kysely.selectFrom("invitations").selectAll().where("email", "=", "invitee@test.local").executeTakeFirstOrThrow();
      expect(invitation.used_at).not.toBeNull();
      expect((await findAccount(http.database.db.kysely, account.id))?.password_hash).toBeNull();
      expect((await identities()).find((i) => i.subject === "agent-invite")?.account_id).toBe(account.id);
    });

    it("refuses without an account nor a pending invitation (revoked, unverified address), and creates nothing", async () => {
      const admin = toPublic((await findAccount(http.database.db.kysely, http.accounts.admin!.id))!);
      await createInvitations({ db: http.database.db, clock: http.clock.fn }).invite(admin, { email: "revoked@test.local", role: "instructor" }, ORIGIN);
      await http.database.db.kysely.updateTable("invitations").set({ revoked_at: "2026-06-01T08:00:00.000Z" }).where("email", "=", "revoked@test.local").execute();
      const before = { accounts: await accountCount(), identities: (await identities()).length };
      for (const subject of ["agent-inconnu", "agent-revoque", "agent-non-verifie"]) {
        const { location, session } = await proconnect(subject);
        expect(location, subject).toBe("/connexion?erreur=proconnect_compte_inconnu");
        expect(session, subject).toBeUndefined();
      }
      expect({ accounts: await accountCount(), identities: (await identities()).length }).toEqual(before);
    });

    it("refuses a callback without the browser's state cookie, with another state, or replayed", async () => {
      const other = await http.anonymous.raw("/api/auth/proconnect/login");
      const otherCookie = cookieOf(other, "guichet_proconnect")!;
      const start = await http.anonymous.raw("/api/auth/proconnect/login");
      const stateCookie = cookieOf(start, "guichet_proconnect")!;
      const callbackUrl = await signIn(start.headers.get("location")!, "agent-admin", CALLBACK);
      for (const cookie of ["", otherCookie]) {
        const res = await http.anonymous.raw(pathOf(callbackUrl), { headers: { cookie } });
        expect(res.headers.get("location"), cookie).toBe("/connexion?erreur=proconnect_etat");
      }
      const ok = await http.anonymous.raw(pathOf(callbackUrl), { headers: { cookie: stateCookie } });
      expect(ok.headers.get("location")).toBe("/");
      const replay = await http.anonymous.raw(pathOf(callbackUrl), { headers: { cookie: stateCookie } });
      expect(replay.headers.get("location")).toBe("/connexion?erreur=proconnect_etat");
      expect(cookieOf(replay, "guichet_session")).toBeUndefined();
      const forged = await http.anonymous.raw(`/api/auth/proconnect/callback?code=abc&state=${"s".repeat(43)}`, { headers: { cookie: `guichet_proconnect=${"s".repeat(43)}` } });
      expect(forged.headers.get("location")).toBe("/connexion?erreur=proconnect_etat");
      const fresh = await http.anonymous.raw("/api/auth/proconnect/login");
      const state = new URL(fresh.headers.get("location")!).searchParams.get("state")!;
      const cancelled = await http.anonymous.raw(`/api/auth/proconnect/callback?error=access_denied&state=${state}`, { headers: { cookie: cookieOf(fresh, "guichet_proconnect")! } });
      expect(cancelled.headers.get("location")).toBe("/connexion?erreur=proconnect_annule");
    });

    it("ignores a return address outside the site (open redirect)", async () => {
      for (const retour of ["https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
        expect(safeReturnPath(retour), retour).toBe("/");
      }
      expect(safeReturnPath("/dossiers/123?onglet=historique#haut")).toBe("/dossiers/123?onglet=historique#haut");
      const { location } = await proconnect("agent-admin", "https://evil.example");
      expect(location).toBe("/");
    });

    it("logs out at the provider: 200 { logoutUrl } with id_token_hint, state and post_logout_redirect_uri", async () => {
      const { session } = await proconnect("agent-admin");
      const { csrfToken } = (await me(session)).body!;
      const stored = await http.database.db.kysely.selectFrom("sessions").select(["provider", "id_token"]).where("provider", "=", "proconnect").execute();
      const res = await http.anonymous.raw("/api/auth/logout", { method: "POST", headers: { cookie: session!, origin: ORIGIN, "x-csrf-token": csrfToken, "content-type": "application/json" }, body: "{}" });
      expect(res.status).toBe(200);
      const url = new URL(((await res.json()) as { logoutUrl: string }).logoutUrl);
      expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/session/end`);
      expect(stored.map((s) => s.id_token)).toContain(url.searchParams.get("id_token_hint"));
      expect(url.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/connexion`);
      expect(url.searchParams.get("state")!.length).toBeGreaterThanOrEqual(32);
      expect((await me(session)).status).toBe(401);
      // The provider accepts the hint and the address: its confirmation leads back to Guichet with the state.
      const page = await fetch(url, { redirect: "manual" });
      const html = await page.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      expect(action, html).toBe(`${provider.issuer}/session/end/confirm`);
      const cookie = page.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const confirm = await fetch(action!, {
        method: "POST", redirect: "manual", headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ xsrf: /name="xsrf" value="([^"]+)"/.exec(html)![1]!, logout: "yes" }),
      });
      expect(confirm.headers.get("location")).toBe(`${ORIGIN}/connexion?state=${url.searchParams.get("state")}`);
      const password = await http.login("manager");
      expect((await password.request("POST", "/api/auth/logout", {})).status).toBe(204);
    });

    it("refuses a disabled account, linked or not", async () => {
      expect((await identities()).some((i) => i.subject === "agent-admin")).toBe(true);
      for (const name of ["admin", "foreignInstructor"]) await updateAccount(http.database.db.kysely, http.accounts[name]!.id, { status: "disabled" });
      try {
        for (const subject of ["agent-admin", "agent-desactive"]) {
          const { location, session } = await proconnect(subject);
          expect(location, subject).toBe("/connexion?erreur=proconnect_compte_desactive");
          expect(session, subject).toBeUndefined();
        }
        expect((await identities()).some((i) => i.subject === "agent-desactive")).toBe(false);
      } finally {
        for (const name of ["admin", "foreignInstructor"]) await updateAccount(http.database.db.kysely, http.accounts[name]!.id, { status: "active" });
      }
    });

    it("limits the sign-ins started per address, and deletes expired pending states", async () => {
      const pending = () => http.database.db.kysely.selectFrom("email_tokens").select("id").where("purpose", "=", "oidc_state").execute();
      expect((await pending()).length).toBeGreaterThan(0);
      http.clock.set(new Date(http.clock.now.getTime() + 20 * 60_000).toISOString()); // a new window; every state so far has expired
      const answers: string[] = [];
      for (let i = 0; i < 31; i++) answers.push((await http.anonymous.raw("/api/auth/proconnect/login")).headers.get("location")!);
      expect(answers.slice(0, 30).every((a) => a.startsWith(`${provider.issuer}/`))).toBe(true);
      expect(answers[30]).toBe("/connexion?erreur=proconnect_trop_de_tentatives");
      expect((await pending()).length).toBe(30);
    });

    it("refuses a provider whose userinfo is not a signed JWT", async () => {
      const plain = await startOidcProvider({ redirectUris: [CALLBACK], postLogoutRedirectUris: [], plainUserinfo: true, users: { "agent-admin": provider.users["agent-admin"]! } });
      const other = await setupHttp({ database: kind, proconnect: { issuer: plain.issuer, clientId: plain.clientId, clientSecret: plain.clientSecret, redirectUri: CALLBACK, postLogoutRedirectUri: `${ORIGIN}/connexion`, scopes: "openid email" } });
      try {
        const start = await other.anonymous.raw("/api/auth/proconnect/login");
        const callbackUrl = await signIn(start.headers.get("location")!, "agent-admin", CALLBACK);
        const callback = await other.anonymous.raw(pathOf(callbackUrl), { headers: { cookie: cookieOf(start, "guichet_proconnect")! } });
        expect(callback.headers.get("location")).toBe("/connexion?erreur=proconnect_indisponible");
        expect(cookieOf(callback, "guichet_session")).toBeUndefined();
      } finally {
        await other.cleanup();
        await plain.close();
      }
    });

    it("sends the browser back when the provider is down, and discovers again once it is back", async () => {
      const down = await setupHttp({ database: kind, proconnect: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri: CALLBACK, postLogoutRedirectUri: `${ORIGIN}/connexion`, scopes: "openid email" } });
      try {
        provider.setAvailable(false);
        expect((await down.anonymous.raw("/api/auth/proconnect/login")).headers.get("location")).toBe("/connexion?erreur=proconnect_indisponible");
        provider.setAvailable(true);
        expect((await down.anonymous.raw("/api/auth/proconnect/login")).headers.get("location")).toMatch(new RegExp(`^${provider.issuer}/`));
      } finally {
        provider.setAvailable(true);
        await down.cleanup();
      }
    });

    it("without a configuration: no provider offered, and the routes send back to the login page", async () => {
      const plain = await setupHttp({ database: kind });
      try {
        expect(await (await plain.anonymous.raw("/api/auth/providers")).json()).toEqual({ proconnect: false });
        for (const path of ["/api/auth/proconnect/login?retour=/", "/api/auth/proconnect/callback?code=x&state=y"]) {
          expect((await plain.anonymous.raw(path)).headers.get("location"), path).toBe("/connexion?erreur=proconnect_indisponible");
        }
      } finally {
        await plain.cleanup();
      }
    });
});

describe("ProConnect configuration from the environment", () => {
  it("is off without PROCONNECT_ISSUER, complete with defaults from PUBLIC_ORIGIN, and refuses half a configuration or plain http", () => {
    expect(proConnectConfigFromEnv({})).toBeUndefined();
    expect(proConnectConfigFromEnv({ PROCONNECT_ISSUER: "https://fca.example/api/v2", PROCONNECT_CLIENT_ID: "id", PROCONNECT_CLIENT_SECRET: "secret", PUBLIC_ORIGIN: "https://guichet.example.fr/" })).toEqual({
      issuer: "https://fca.example/api/v2", clientId: "id", clientSecret: "secret", redirectUri: "https://guichet.example.fr/api/auth/proconnect/callback",
      postLogoutRedirectUri: "https://guichet.example.fr/connexion", scopes: "openid email given_name usual_name",
    });
    expect(() => proConnectConfigFromEnv({ PROCONNECT_ISSUER: "https://fca.example/api/v2", PUBLIC_ORIGIN: "https://g.fr" })).toThrow(/PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET/);
    expect(() => proConnectConfigFromEnv({ PROCONNECT_ISSUER: "http://fca.example", PROCONNECT_CLIENT_ID: "i", PROCONNECT_CLIENT_SECRET: "s", PUBLIC_ORIGIN: "https://g.fr" })).toThrow(/https/);
    expect(proConnectConfigFromEnv({ PROCONNECT_ISSUER: "http://127.0.0.1:9000", PROCONNECT_CLIENT_ID: "i", PROCONNECT_CLIENT_SECRET: "s", PUBLIC_ORIGIN: "http://localhost:3000", PROCONNECT_ACR_VALUES: "eidas1" })?.acrValues).toBe("eidas1");
  });
});
