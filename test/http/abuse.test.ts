/**
 * Regression tests from the security review: a territory cannot take over
 * another's procedure, login limits hold under parallel attempts and tell
 * nothing about which accounts exist, idempotency keys cannot replay another
 * request, hostile JSON and duplicate writes never give a 500, and the
 * client's address behind a trusted proxy is the forwarded one.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../server/auth/accounts";
import { readPackageDir } from "../../server/config/read-package-dir";
import { createApp } from "../../server/http/app";
import { completeApplication, ownAttachments } from "../helpers/engine-setup";
import { ORIGIN, PASSWORD, setupHttp } from "../helpers/http-setup";
import { nextMail, tokenIn } from "../helpers/outbox";
import { DEFAULT_PACKAGE_DIR, FIXTURE_PACKAGE_DIR } from "../helpers/packages";

let http: Awaited<ReturnType<typeof setupHttp>>;
beforeAll(async () => { http = await setupHttp({ maxLoginsPerIpPerWindow: 10_000 }); });
afterAll(async () => { await http.cleanup(); });

const manager = () => actorOf({ id: http.accounts.manager!.id, email: "", displayName: "", role: "manager", territoryCode: "63", organisationId: http.setup.orgA.id });
const login = (email: string, password: string, headers: Record<string, string> = {}, app = http.app) => app.request("/api/auth/login", {
  method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, ...headers }, body: JSON.stringify({ email, password }),
});

describe("a procedure belongs to its territory", () => {
  it("refuses another territory's admin publishing a package with the same id", async () => {
    const foreignAdmin = await http.login("foreignAdmin");
    // The Allier test package (valid in its territory) under the id of the Puy-de-Dôme procedure.
    const files = await readPackageDir(FIXTURE_PACKAGE_DIR);
    const manifest = JSON.parse(files["manifest.json"]!);
    manifest.id = "avip-puy-de-dome";
    files["manifest.json"] = JSON.stringify(manifest);
    const res = await foreignAdmin.request("POST", "/api/procedures", { files });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toContain("appartient au territoire 63");
    expect((await http.setup.engine.registry.versions("avip-puy-de-dome")).length).toBe(1);
  });
});

describe("login limits", () => {
  it("lock an address after parallel failures, whether or not the account exists, with the same answer", async () => {
    http.clock.set("2026-06-02T10:00:00Z");
    const wrong = (email: string) => Promise.all(Array.from({ length: 12 }, (_, i) => login(email, `mauvais mot de passe ${i}`)));
    await wrong(http.accounts.committee!.email);
    await wrong("inconnu@test.local");
    const known = await login(http.accounts.committee!.email, PASSWORD);
    const unknown = await login("inconnu@test.local", PASSWORD);
    expect(known.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(((await known.json()) as { detail: string }).detail).toBe(((await unknown.json()) as { detail: string }).detail);
    http.clock.set("2026-06-02T10:16:00Z");
    expect((await login(http.accounts.committee!.email, PASSWORD)).status).toBe(200);
    http.clock.set("2026-06-01T08:00:00Z");
  });

  it("count per forwarded address behind a trusted proxy", async () => {
    const app = createApp({ engine: http.setup.engine, auth: http.auth, db: http.database.db, logger: pino({ level: "silent" }), trustProxy: true });
    http.clock.set("2026-06-03T10:00:00Z");
    const { createAuth } = await import("../../server/auth/accounts");
    const strict = createAuth({ db: http.database.db, clock: http.clock.fn, maxLoginsPerIpPerWindow: 3 });
    const proxied = createApp({ engine: http.setup.engine, auth: strict, db: http.database.db, logger: pino({ level: "silent" }), trustProxy: true });
    for (let i = 0; i < 4; i++) await login("x@test.local", "mauvais mot de passe", { "x-forwarded-for": "203.0.113.7" }, proxied);
    expect((await login("x@test.local", "mauvais mot de passe", { "x-forwarded-for": "203.0.113.7" }, proxied)).status).toBe(429);
    expect((await login(http.accounts.instructor!.email, PASSWORD, { "x-forwarded-for": "198.51.100.2" }, proxied)).status).toBe(200);
    // Behind a TLS proxy, the browser's https origin is the site's.
    const https = await app.request("/api/auth/login", {
      method: "POST", headers: { "content-type": "application/json", origin: "https://localhost", "x-forwarded-proto": "https" },
      body: JSON.stringify({ email: http.accounts.instructor!.email, password: PASSWORD }),
    });
    expect(https.status).toBe(200);
    http.clock.set("2026-06-01T08:00:00Z");
  });
});

describe("robustness", () => {
  it("refuses to replay an idempotency key for another request", async () => {
    const { dossier } = await http.setup.engine.createDraft({ procedureId: "avip-puy-de-dome", organisationId: http.setup.orgA.id, data: await completeApplication() }, manager());
    await ownAttachments(http.setup.engine, dossier.id, manager());
    const client = await http.login("manager");
    expect((await client.request("POST", `/api/dossiers/${dossier.id}/submit`, {}, { "idempotency-key": "cle-unique-0001" })).status).toBe(200);
    const other = await client.request("POST", `/api/dossiers/${dossier.id}/withdraw`, {}, { "idempotency-key": "cle-unique-0001" });
    expect(other.status).toBe(422);
    expect((await http.setup.engine.getDossier(dossier.id, manager())).state).toBe("submitted");
    const same = await client.request("POST", `/api/dossiers/${dossier.id}/submit`, {}, { "idempotency-key": "cle-unique-0001" });
    expect(await same.json()).toMatchObject({ replayed: true });
  });

  it("answers deeply nested JSON with a 400, not a 500", async () => {
    const client = await http.login("manager");
    const { dossier } = await http.setup.engine.createDraft({ procedureId: "avip-puy-de-dome", organisationId: http.setup.orgA.id }, manager());
    const deep = `{"data":{"x":${"[".repeat(100_000)}${"]".repeat(100_000)}},"expectedVersion":1}`;
    const res = await client.request("PUT", `/api/dossiers/${dossier.id}/data`, deep, { "content-type": "application/json" });
    expect(res.status).toBe(400);
  });

  it("answers the replaced invitation of an address with a 404 problem (only the last link works), without a 500", async () => {
    const admin = await http.login("admin");
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      expect((await admin.request("POST", "/api/invitations", { email: "double@test.local", role: "instructor" })).status).toBe(201);
      tokens.push(tokenIn((await nextMail(http.database.db, "double@test.local", "invitation")).text, "/invitation"));
    }
    const accept = (token: string) => http.anonymous.request("POST", "/api/invitations/accept", { token, displayName: "Double", password: "un mot de passe assez long" });
    const first = await accept(tokens[0]!);
    expect(first.status).toBe(404);
    expect(first.headers.get("content-type")).toContain("application/problem+json");
    expect((await accept(tokens[1]!)).status).toBe(200);
    const again = await accept(tokens[1]!);
    expect(again.status).toBe(404);
    expect(again.headers.get("content-type")).toContain("application/problem+json");
  });

  it("requires the expected version to save the application (no silent overwrite)", async () => {
    const client = await http.login("manager");
    const { dossier } = await http.setup.engine.createDraft({ procedureId: "avip-puy-de-dome", organisationId: http.setup.orgA.id }, manager());
    const res = await client.request("PUT", `/api/dossiers/${dossier.id}/data`, { data: {} });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: Array<{ pointer: string }> }).errors).toContainEqual(expect.objectContaining({ pointer: "/expectedVersion" }));
    expect((await client.request("PUT", `/api/dossiers/${dossier.id}/data`, { data: {}, expectedVersion: 1 })).status).toBe(200);
    expect((await client.request("PUT", `/api/dossiers/${dossier.id}/data`, { data: {}, expectedVersion: 1 })).status).toBe(409);
  });
});
