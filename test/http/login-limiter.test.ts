/**
 * The login limiter refuses before hashing: once an IP has used its window,
 * or an address is locked, a flood of logins costs the server almost no CPU
 * (measured with process.cpuUsage(), which counts the thread pool where
 * scrypt runs). Past the limiter, an unknown address costs the same as a
 * known one with a wrong password (one hash each).
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "../../server/auth/accounts";
import { verifyPassword } from "../../server/auth/passwords";
import { createApp } from "../../server/http/app";
import { ORIGIN, PASSWORD, setupHttp } from "../helpers/http-setup";

let http: Awaited<ReturnType<typeof setupHttp>>;
beforeAll(async () => { http = await setupHttp(); });
afterAll(async () => { await http.cleanup(); });

const N = 8;
type Fetcher = { request(path: string, init: RequestInit): Response | Promise<Response> };
const login = (app: Fetcher, email: string, password: string) => Promise.resolve(app.request("/api/auth/login", {
  method: "POST", headers: { "content-type": "application/json", origin: ORIGIN }, body: JSON.stringify({ email, password }),
}));

/** CPU time (user + system, every thread of the process) spent while `work` runs, in milliseconds. */
async function cpuMs<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, result };
}
const hashes = () => cpuMs(() => Promise.all(Array.from({ length: N }, () => verifyPassword("un mot de passe quelconque", null))));

describe("login limiter", () => {
  it("refuses logins over the IP limit without hashing: N refusals cost far less CPU than N hashes", async () => {
    const auth = createAuth({ db: http.database.db, clock: http.clock.fn, maxLoginsPerIpPerWindow: 2 });
    const app = createApp({ engine: http.setup.engine, auth, db: http.database.db, logger: pino({ level: "silent" }) });
    http.clock.set("2026-06-01T10:00:00Z");
    for (let i = 0; i < 2; i++) expect((await login(app, `essai-${i}@exemple.fr`, "mauvais mot de passe")).status).toBe(403);
    const baseline = await hashes();
    const refused = await cpuMs(() => Promise.all(Array.from({ length: N }, (_, i) => login(app, http.accounts.manager!.email, i === 0 ? PASSWORD : `faux-${i}`))));
    expect(refused.result.map((r) => r.status)).toEqual(Array(N).fill(429));
    console.log(`limiteur IP : ${N} connexions refusées = ${refused.ms.toFixed(1)} ms CPU ; ${N} hachages scrypt = ${baseline.ms.toFixed(1)} ms CPU (rapport ${(refused.ms / baseline.ms).toFixed(3)})`);
    expect(refused.ms).toBeLessThan(baseline.ms * 0.2);
  });

  it("refuses a locked address without hashing, even with the right password", async () => {
    http.clock.set("2026-06-01T11:00:00Z");
    const email = http.accounts.otherManager!.email;
    for (let i = 0; i < 5; i++) expect((await login(http.app, email, `mauvais mot de passe ${i}`)).status).toBe(403);
    const baseline = await hashes();
    const refused = await cpuMs(() => Promise.all(Array.from({ length: N }, () => login(http.app, email, PASSWORD))));
    expect(refused.result.map((r) => r.status)).toEqual(Array(N).fill(429));
    console.log(`adresse bloquée : ${N} connexions refusées = ${refused.ms.toFixed(1)} ms CPU ; ${N} hachages scrypt = ${baseline.ms.toFixed(1)} ms CPU (rapport ${(refused.ms / baseline.ms).toFixed(3)})`);
    expect(refused.ms).toBeLessThan(baseline.ms * 0.2);
  });

  it("costs an unknown address the same as a known one with a wrong password", async () => {
    http.clock.set("2026-06-01T12:00:00Z");
    const known = await cpuMs(() => Promise.all(Array.from({ length: N }, (_, i) => login(http.app, http.accounts[i % 2 ? "instructor" : "committee"]!.email, `faux-${i}`))));
    http.clock.set("2026-06-01T12:15:00Z");
    const unknown = await cpuMs(() => Promise.all(Array.from({ length: N }, (_, i) => login(http.app, `personne-${i}@exemple.fr`, "faux"))));
    expect([...known.result, ...unknown.result].map((r) => r.status)).toEqual(Array(2 * N).fill(403));
    console.log(`adresse connue : ${known.ms.toFixed(1)} ms CPU ; adresse inconnue : ${unknown.ms.toFixed(1)} ms CPU (rapport ${(unknown.ms / known.ms).toFixed(2)})`);
    expect(unknown.ms / known.ms).toBeGreaterThan(0.6);
    expect(unknown.ms / known.ms).toBeLessThan(1.6);
  });
});
