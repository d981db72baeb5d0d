/**
 * An HTTP app over a fresh SQLite database, with the default package, two
 * organisations of the territory, and one logged-in client per kind of person:
 * each role (the manager owns organisation A, a member belongs to it), a
 * manager of another organisation, a manager without organisation (as after
 * signing up), staff of another territory.
 */
import pino from "pino";
import { createAuth } from "../../server/auth/accounts";
import { createApp } from "../../server/http/app";
import type { ProConnectConfig } from "../../server/auth/proconnect-config";
import { DATABASES, type DatabaseKind, type TestDatabase } from "./databases";
import { movableClock, setupEngine } from "./engine-setup";

export const ORIGIN = "http://localhost";
export const PASSWORD = "mot-de-passe-de-test-solide";

export type Client = {
  name: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  raw(path: string, init?: RequestInit): Promise<Response>;
};

export async function setupHttp(options: { maxLoginsPerIpPerWindow?: number; clientDir?: string; proconnect?: ProConnectConfig; database?: DatabaseKind } = {}) {
  const database: TestDatabase = await (options.database ?? DATABASES[0]!).create();
  const clock = movableClock("2026-06-01T08:00:00Z");
  const setup = await setupEngine(database.db, { clock });
  const auth = createAuth({ db: database.db, clock: clock.fn, maxLoginsPerIpPerWindow: options.maxLoginsPerIpPerWindow ?? 1000 });
  // Emailed links use ORIGIN, the origin of `app.request` (createApp never reads them from the Host header).
  const app = createApp({ engine: setup.engine, auth, db: database.db, logger: pino({ level: "silent" }), listenOrigin: ORIGIN, ...(options.clientDir ? { clientDir: options.clientDir } : {}), ...(options.proconnect ? { proconnect: options.proconnect } : {}) });
  const { orgA, orgB } = setup;
  const people = {
    manager: { role: "manager", territory: "63", org: orgA.id },
    otherManager: { role: "manager", territory: "63", org: orgB.id },
    member: { role: "manager", territory: "63", org: orgA.id, orgRole: "member" },
    newcomer: { role: "manager", territory: "", org: null },
    instructor: { role: "instructor", territory: "63" },
    committee: { role: "committee", territory: "63" },
    admin: { role: "admin", territory: "63" },
    foreignInstructor: { role: "instructor", territory: "03" },
    foreignAdmin: { role: "admin", territory: "03" },
  } as const;
  const accounts: Record<string, { id: string; email: string }> = {};
  // In parallel: each password hash costs ~100 ms of scrypt.
  await Promise.all(Object.entries(people).map(async ([name, p]) => {
    const account = await auth.createAccount({
      email: `${name.toLowerCase()}@test.local`, displayName: name, password: PASSWORD, role: p.role, territoryCode: p.territory,
      organisationId: "org" in p ? p.org : null, ...("orgRole" in p ? { organisationRole: p.orgRole } : {}),
    });
    accounts[name] = { id: account.id, email: account.email };
  }));

  function client(name: string, cookie?: string, csrf?: string): Client {
    const raw = (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (cookie && !headers.has("cookie")) headers.set("cookie", cookie);
      return Promise.resolve(app.request(path, { ...init, headers }));
    };
    return {
      name,
      raw,
      request(method, path, body, headers = {}) {
        const h: Record<string, string> = { origin: ORIGIN, ...headers };
        if (csrf) h["x-csrf-token"] = csrf;
        if (body !== undefined && typeof body !== "string" && !(body instanceof FormData)) h["content-type"] = "application/json";
        const payload = body === undefined ? undefined : typeof body === "string" || body instanceof FormData ? body : JSON.stringify(body);
        return raw(path, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
      },
    };
  }

  async function login(name: string): Promise<Client> {
    const res = await app.request("/api/auth/login", {
      method: "POST", headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email: accounts[name]!.email, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return client(name, cookie, csrfToken);
  }

  /** A new person (by default a manager without organisation, as after signing up), signed in. */
  async function signUp(name: string, p: { role?: "manager" | "instructor" | "committee" | "admin"; territory?: string; org?: string | null; orgRole?: "owner" | "member" } = {}): Promise<Client> {
    const account = await auth.createAccount({
      email: `${name.toLowerCase()}@test.local`, displayName: name, password: PASSWORD, role: p.role ?? "manager", territoryCode: p.territory ?? "",
      organisationId: p.org ?? null, ...(p.orgRole ? { organisationRole: p.orgRole } : {}),
    });
    accounts[name] = { id: account.id, email: account.email };
    return login(name);
  }

  return { app, auth, database, clock, setup, accounts, people, login, signUp, anonymous: client("anonymous"), cleanup: () => database.cleanup() };
}
