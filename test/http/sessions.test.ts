/**
 * Logging in and out, session rotation and expiry, CSRF defence, login rate
 * limits and lockout, and the one-time invitation link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORIGIN, PASSWORD, setupHttp } from "../helpers/http-setup";
import { nextMail, tokenIn } from "../helpers/outbox";

let http: Awaited<ReturnType<typeof setupHttp>>;
beforeAll(async () => { http = await setupHttp({ maxLoginsPerIpPerWindow: 30 }); });
afterAll(async () => { await http.cleanup(); });

const loginRequest = (email: string, password: string, cookie?: string, csrf?: string) => http.app.request("/api/auth/login", {
  method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, ...(cookie ? { cookie } : {}), ...(csrf ? { "x-csrf-token": csrf } : {}) }, body: JSON.stringify({ email, password }),
});

describe("sessions", () => {
  it("sets an HttpOnly SameSite cookie at login, rotates it at each login, and closes it at logout", async () => {
    const first = await loginRequest(http.accounts.instructor!.email, PASSWORD);
    expect(first.status).toBe(200);
    const setCookie = first.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^guichet_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const cookie = setCookie.split(";")[0]!;
    const { csrfToken: firstCsrf } = (await first.json()) as { csrfToken: string };
    expect((await loginRequest(http.accounts.instructor!.email, PASSWORD, cookie)).status).toBe(403);
    const second = await loginRequest(http.accounts.instructor!.email, PASSWORD, cookie, firstCsrf);
    const rotated = second.headers.get("set-cookie")!.split(";")[0]!;
    expect(rotated).not.toBe(cookie);
    expect((await http.app.request("/api/auth/me", { headers: { cookie } })).status).toBe(401);
    const me = await http.app.request("/api/auth/me", { headers: { cookie: rotated } });
    expect(await me.json()).toMatchObject({ account: { email: http.accounts.instructor!.email, role: "instructor", territoryCode: "63" } });
    const { csrfToken } = (await second.json()) as { csrfToken: string };
    expect((await http.app.request("/api/auth/logout", { method: "POST", headers: { cookie: rotated, origin: ORIGIN, "x-csrf-token": csrfToken } })).status).toBe(204);
    expect((await http.app.request("/api/auth/me", { headers: { cookie: rotated } })).status).toBe(401);
  });

  it("expires a session after inactivity", async () => {
    const client = await http.login("committee");
    expect((await client.request("GET", "/api/auth/me")).status).toBe(200);
    http.clock.set("2026-06-01T11:00:00Z");
    expect((await client.request("GET", "/api/auth/me")).status).toBe(401);
    http.clock.set("2026-06-01T08:00:00Z");
  });

  it("refuses a wrong password without saying whether the account exists", async () => {
    const wrong = await loginRequest(http.accounts.admin!.email, "pas le bon mot de passe");
    const unknown = await loginRequest("personne@test.local", "pas le bon mot de passe");
    expect(wrong.status).toBe(403);
    expect(unknown.status).toBe(403);
    expect(((await wrong.json()) as { detail: string }).detail).toBe(((await unknown.json()) as { detail: string }).detail);
  });

  it("locks an account after five failures, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await loginRequest(http.accounts.foreignAdmin!.email, `mauvais-${i}-mot-de-passe`)).status).toBe(403);
    const locked = await loginRequest(http.accounts.foreignAdmin!.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    http.clock.set("2026-06-01T08:20:00Z");
    expect((await loginRequest(http.accounts.foreignAdmin!.email, PASSWORD)).status).toBe(200);
    http.clock.set("2026-06-01T08:00:00Z");
  });

  it("limits login attempts per IP address", async () => {
    http.clock.set("2026-06-01T09:00:00Z");
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await loginRequest(`personne-${i}@test.local`, "x".repeat(12))).status);
    expect(statuses.slice(0, 30).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    http.clock.set("2026-06-01T09:16:00Z");
    expect((await loginRequest(http.accounts.manager!.email, PASSWORD)).status).toBe(200);
    http.clock.set("2026-06-01T08:00:00Z");
  });
});

describe("CSRF defence", () => {
  it("refuses a state-changing request from another origin, or without the session's token", async () => {
    const manager = await http.login("manager");
    const body = { procedureId: "avip-puy-de-dome" };
    expect((await manager.request("POST", "/api/dossiers", body, { origin: "https://evil.example" })).status).toBe(403);
    const noToken = await manager.raw("/api/dossiers", { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN }, body: JSON.stringify(body) });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { code: string }).code).toBe("csrf");
    const wrongToken = await manager.raw("/api/dossiers", { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, "x-csrf-token": "x".repeat(43) }, body: JSON.stringify(body) });
    expect(wrongToken.status).toBe(403);
    expect((await manager.request("POST", "/api/dossiers", body)).status).toBe(201);
  });
});

describe("invitations", () => {
  it("lets an admin invite a manager by a one-time link", async () => {
    const admin = await http.login("admin");
    const res = await admin.request("POST", "/api/invitations", { email: "nouvelle@test.local", role: "manager", organisationId: http.setup.orgB.id });
    expect(res.status).toBe(201);
    expect(await res.json()).not.toHaveProperty("link");
    const token = tokenIn((await nextMail(http.database.db, "nouvelle@test.local", "invitation")).text, "/invitation");
    expect(token.length).toBeGreaterThan(40);
    const short = await http.anonymous.request("POST", "/api/invitations/accept", { token, displayName: "Nouvelle Gestionnaire", password: "court" });
    expect(short.status).toBe(422);
    const accepted = await http.anonymous.request("POST", "/api/invitations/accept", { token, displayName: "Nouvelle Gestionnaire", password: "un mot de passe assez long" });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ account: { email: "nouvelle@test.local", role: "manager", organisationId: http.setup.orgB.id } });
    expect((await http.anonymous.request("POST", "/api/invitations/accept", { token, displayName: "Encore", password: "un mot de passe assez long" })).status).toBe(404);
    expect((await loginRequest("nouvelle@test.local", "un mot de passe assez long")).status).toBe(200);
  });

  it("refuses inviting a manager of another territory's organisation, or an existing address", async () => {
    const admin = await http.login("foreignAdmin");
    expect((await admin.request("POST", "/api/invitations", { email: "x@test.local", role: "manager", organisationId: http.setup.orgA.id })).status).toBe(422);
    const local = await http.login("admin");
    expect((await local.request("POST", "/api/invitations", { email: http.accounts.manager!.email, role: "instructor" })).status).toBe(422);
  });
});

describe("account management", () => {
  it("lets an admin disable an account of the territory, which closes its sessions", async () => {
    const admin = await http.login("admin");
    const committee = await http.login("committee");
    expect((await committee.request("GET", "/api/auth/me")).status).toBe(200);
    const res = await admin.request("PUT", `/api/accounts/${http.accounts.committee!.id}/status`, { status: "disabled" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "disabled" });
    expect((await committee.request("GET", "/api/auth/me")).status).toBe(401);
    expect((await loginRequest(http.accounts.committee!.email, PASSWORD)).status).toBe(403);
    expect((await admin.request("PUT", `/api/accounts/${http.accounts.committee!.id}/status`, { status: "active" })).status).toBe(200);
    expect((await loginRequest(http.accounts.committee!.email, PASSWORD)).status).toBe(200);
    expect((await admin.request("PUT", `/api/accounts/${http.accounts.foreignInstructor!.id}/status`, { status: "disabled" })).status).toBe(404);
    expect((await admin.request("PUT", `/api/accounts/${http.accounts.admin!.id}/status`, { status: "disabled" })).status).toBe(422);
  });
});
