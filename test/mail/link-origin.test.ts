/**
 * Links in emails never take their origin from the request: a request sent
 * to Guichet's real socket with `Host: evil.example` (and a matching Origin,
 * so that it passes the CSRF check) still gets links to the origin Guichet
 * was started with — PUBLIC_ORIGIN, else the address it listens on. The
 * start-up rule: production refuses to start without PUBLIC_ORIGIN.
 */
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/http/app";
import { linkOriginsFromEnv } from "../../server/http/public-origin";
import { setupHttp } from "../helpers/http-setup";
import { outboxMails } from "../helpers/outbox";

type Answer = { status: number; body: string; cookie?: string };

/** An HTTP request to the socket with the given Host header (fetch cannot set it). */
function send(port: number, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ host: "127.0.0.1", port, method, path, headers: { ...headers, ...(payload ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const cookie = res.headers["set-cookie"]?.[0]?.split(";")[0];
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ...(cookie ? { cookie } : {}) });
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

const EVIL = { host: "evil.example", origin: "http://evil.example" };
const linksIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s<>"')]+/g)].map((m) => m[0]);

describe("the origin of emailed links", () => {
  let http: Awaited<ReturnType<typeof setupHttp>>;
  const servers: ServerType[] = [];
  beforeAll(async () => { http = await setupHttp(); });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    await http.cleanup();
  });

  async function listen(options: { publicOrigin?: string; listenOrigin?: string; trustProxy?: boolean }): Promise<number> {
    const app = createApp({ engine: http.setup.engine, auth: http.auth, db: http.database.db, logger: pino({ level: "silent" }), ...options });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    servers.push(server);
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    return (server.address() as AddressInfo).port;
  }

  async function mailTo(to: string): Promise<string[]> {
    const mails = await outboxMails(http.database.db, { to });
    expect(mails).toHaveLength(1);
    return linksIn(mails[0]!.text);
  }

  it("without PUBLIC_ORIGIN: the address Guichet listens on, whatever the Host header says", async () => {
    const port = await listen({ listenOrigin: "http://localhost:4321" });
    const expected = "http://localhost:4321";

    const account = await http.auth.createAccount({ email: "victime@exemple.fr", displayName: "Victime", password: "un mot de passe solide", role: "admin", territoryCode: "63" });
    expect((await send(port, "POST", "/api/password/forgot", EVIL, { email: account.email })).status).toBe(202);
    const reset = await mailTo(account.email);
    expect(reset.find((l) => l.includes("/mot-de-passe/nouveau#"))).toMatch(new RegExp(`^${expected}/mot-de-passe/nouveau#`));

    expect((await send(port, "POST", "/api/signup", EVIL, { email: "nouvelle@exemple.fr" })).status).toBe(202);
    expect((await mailTo("nouvelle@exemple.fr")).every((l) => l.startsWith(`${expected}/`))).toBe(true);

    // Signed in through the same forged Host: an admin's invitation and an owner's invitation.
    const login = async (email: string, password: string) => {
      const res = await send(port, "POST", "/api/auth/login", EVIL, { email, password });
      expect(res.status).toBe(200);
      return { ...EVIL, cookie: res.cookie!, "x-csrf-token": (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
    };
    const admin = await login(account.email, "un mot de passe solide");
    expect((await send(port, "POST", "/api/invitations", admin, { email: "instructrice@exemple.fr", role: "instructor" })).status).toBe(201);
    expect((await mailTo("instructrice@exemple.fr")).find((l) => l.includes("/invitation#"))).toMatch(new RegExp(`^${expected}/invitation#`));

    const owner = await login(http.accounts.manager!.email, "mot-de-passe-de-test-solide");
    expect((await send(port, "POST", `/api/organisations/${http.setup.orgA.id}/invitations`, owner, { email: "collegue@exemple.fr" })).status).toBe(201);
    expect((await mailTo("collegue@exemple.fr")).find((l) => l.includes("/invitation#"))).toMatch(new RegExp(`^${expected}/invitation#`));
  });

  it("with PUBLIC_ORIGIN behind a trusted proxy: PUBLIC_ORIGIN, whatever Host and X-Forwarded-Proto say", async () => {
    const port = await listen({ publicOrigin: "https://guichet.exemple.fr", listenOrigin: "http://localhost:4322", trustProxy: true });
    const account = await http.auth.createAccount({ email: "autre-victime@exemple.fr", displayName: "Autre", password: "un mot de passe solide", role: "instructor", territoryCode: "63" });
    const headers = { host: "evil.example", origin: "https://guichet.exemple.fr", "x-forwarded-proto": "http" };
    expect((await send(port, "POST", "/api/password/forgot", headers, { email: account.email })).status).toBe(202);
    expect((await mailTo(account.email)).find((l) => l.includes("/mot-de-passe/nouveau#"))).toMatch(/^https:\/\/guichet\.exemple\.fr\/mot-de-passe\/nouveau#/);
  });
});

describe("linkOriginsFromEnv", () => {
  it("takes PUBLIC_ORIGIN (without its trailing slash), else the listening address outside production", () => {
    expect(linkOriginsFromEnv({ PUBLIC_ORIGIN: "https://guichet.exemple.fr/" }, { production: true, port: 3000 }))
      .toEqual({ publicOrigin: "https://guichet.exemple.fr", listenOrigin: "http://localhost:3000" });
    expect(linkOriginsFromEnv({}, { production: false, port: 8080 })).toEqual({ listenOrigin: "http://localhost:8080" });
  });

  it("refuses, in French, production without PUBLIC_ORIGIN, and a PUBLIC_ORIGIN that is not an origin", () => {
    expect(() => linkOriginsFromEnv({}, { production: true, port: 3000 })).toThrow(/PUBLIC_ORIGIN.*production/);
    expect(() => linkOriginsFromEnv({ PUBLIC_ORIGIN: "  " }, { production: true, port: 3000 })).toThrow(/PUBLIC_ORIGIN/);
    expect(() => linkOriginsFromEnv({ PUBLIC_ORIGIN: "guichet.exemple.fr" }, { production: false, port: 3000 })).toThrow(/n'est pas une origine/);
    expect(() => linkOriginsFromEnv({ PUBLIC_ORIGIN: "https://guichet.exemple.fr/guichet" }, { production: false, port: 3000 })).toThrow(/n'est pas une origine/);
  });
});
