/**
 * The authorization matrix: every route × every kind of person (anonymous,
 * each role, a manager of another organisation, staff of another territory).
 * Allowed people succeed (2xx); everyone else gets 401 (anonymous) or 403
 * (404 for a resource outside their territory), and nothing else: zero
 * unintended access. A route missing from the matrix
 * fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPackageDir } from "../../server/config/read-package-dir";
import { actorOf } from "../../server/auth/accounts";
import { completeApplication, ownAttachments } from "../helpers/engine-setup";
import { setupHttp, type Client, PASSWORD } from "../helpers/http-setup";
import { DEFAULT_PACKAGE_DIR } from "../helpers/packages";
import { PDF } from "../helpers/files";
import { validSiret } from "../helpers/organisations";
import { requestToJoin } from "../../server/organisations/join-requests";

const WHO = ["anonymous", "manager", "otherManager", "instructor", "committee", "admin", "foreignInstructor", "foreignAdmin", "member", "newcomer"] as const;
type Who = (typeof WHO)[number];
/**
 * `manager` owns organisation A and `member` belongs to it: a member may do
 * whatever the owner may, unless the case is `ownerOnly`. `newcomer` is a
 * manager without organisation (as after signing up).
 */
type Case = { route: string; allowed: Who[] | "everyone" | "signedIn"; expect?: number; ownerOnly?: boolean; prepare: (who: Who) => Promise<{ path: string; body?: unknown; headers?: Record<string, string> }> };


let http: Awaited<ReturnType<typeof setupHttp>>;
const clients = new Map<Who, Client>();
let counter = 0;

beforeAll(async () => {
  http = await setupHttp();
  clients.set("anonymous", http.anonymous);
  for (const who of WHO.filter((w) => w !== "anonymous")) clients.set(who, await http.login(who));
}, 30_000); // real scrypt for every account: slow on a loaded machine
afterAll(async () => { await http.cleanup(); });

const managerActor = () => actorOf({ id: http.accounts.manager!.id, email: "", displayName: "", role: "manager", territoryCode: "63", organisationId: http.setup.orgA.id });
/** A complete draft of organisation A, its attachments its own. */
async function draftA(): Promise<string> {
  const id = (await http.setup.engine.createDraft({ procedureId: "avip-puy-de-dome", organisationId: http.setup.orgA.id, data: await completeApplication() }, managerActor())).dossier.id;
  await ownAttachments(http.setup.engine, id, managerActor());
  return id;
}
async function submittedA(): Promise<string> {
  const id = await draftA();
  await http.setup.engine.submit(id, managerActor());
  return id;
}
async function attachmentA(): Promise<string> {
  return (await http.setup.engine.addAttachment(await draftA(), { name: "fiche.pdf", bytes: PDF }, managerActor())).id;
}
const unique = () => `${Date.now()}-${++counter}`;
/** A pending invitation of the territory 63, made by its admin. */
async function invitation63(): Promise<string> {
  const res = await clients.get("admin")!.request("POST", "/api/invitations", { email: `invitation-${unique()}@test.local`, role: "committee" });
  return ((await res.json()) as { id: string }).id;
}
/** The newcomer back to a manager without organisation nor pending request (at the start of every case). */
async function resetNewcomer(): Promise<void> {
  const id = http.accounts.newcomer!.id;
  await http.database.db.kysely.updateTable("accounts").set({ organisation_id: null, organisation_role: null, territory_code: "" }).where("id", "=", id).execute();
  await http.database.db.kysely.updateTable("join_requests").set({ status: "cancelled" }).where("account_id", "=", id).where("status", "=", "pending").execute();
}
/** A fresh member of organisation A (to remove, to hand over to, to have a pending request decided). */
async function freshPerson(org: string | null): Promise<string> {
  return (await http.auth.createAccount({ email: `personne-${unique()}@test.local`, displayName: "Personne", password: PASSWORD, role: "manager", territoryCode: org ? "63" : "", organisationId: org, organisationRole: "member" })).id;
}
/** Organisation A owned by the manager only (undoes a hand-over; at the start of every case). */
async function resetOwners(): Promise<void> {
  await http.database.db.kysely.updateTable("accounts").set({ organisation_role: "member" }).where("organisation_id", "=", http.setup.orgA.id).execute();
  await http.database.db.kysely.updateTable("accounts").set({ organisation_role: "owner" }).where("id", "=", http.accounts.manager!.id).execute();
}

const CASES: Case[] = [
  { route: "GET /api/health", allowed: "everyone", prepare: async () => ({ path: "/api/health" }) },
  { route: "GET /api/openapi.json", allowed: "everyone", prepare: async () => ({ path: "/api/openapi.json" }) },
  { route: "GET /api/docs", allowed: "everyone", prepare: async () => ({ path: "/api/docs" }) },
  { route: "GET /api/auth/me", allowed: "signedIn", prepare: async () => ({ path: "/api/auth/me" }) },
  { route: "GET /api/accounts", allowed: ["admin", "foreignAdmin"], prepare: async () => ({ path: "/api/accounts" }) },
  {
    route: "PUT /api/accounts/:id/status", allowed: ["admin"],
    prepare: async () => {
      const account = await http.auth.createAccount({ email: `compte-${unique()}@test.local`, displayName: "Compte", password: PASSWORD, role: "instructor", territoryCode: "63" });
      return { path: `/api/accounts/${account.id}/status`, body: { status: "disabled" } };
    },
  },
  { route: "POST /api/invitations", allowed: ["admin", "foreignAdmin"], prepare: async () => ({ path: "/api/invitations", body: { email: `invite-${unique()}@test.local`, role: "instructor" } }) },
  { route: "POST /api/invitations/accept", allowed: "everyone", expect: 404, prepare: async () => ({ path: "/api/invitations/accept", body: { token: "x".repeat(43), displayName: "Personne", password: "un mot de passe assez long" } }) },
  { route: "GET /api/organisations", allowed: "signedIn", prepare: async () => ({ path: "/api/organisations" }) },
  {
    route: "POST /api/organisations", allowed: ["admin", "foreignAdmin", "newcomer"],
    prepare: async (who) => {
      if (who !== "newcomer") return { path: "/api/organisations", body: { name: `Organisation ${unique()}` } };
      return { path: "/api/organisations", body: { name: `Organisation ${unique()}`, siret: validSiret(++counter), legalStatus: "association", territoryCode: "63" } };
    },
  },
  { route: "GET /api/procedures", allowed: "everyone", prepare: async () => ({ path: "/api/procedures" }) },
  { route: "GET /api/procedures/:id", allowed: "everyone", prepare: async () => ({ path: "/api/procedures/avip-puy-de-dome" }) },
  { route: "POST /api/procedures/:id/evaluate", allowed: "everyone", prepare: async () => ({ path: "/api/procedures/avip-puy-de-dome/evaluate", body: { data: {} } }) },
  { route: "GET /api/procedures/:id/versions", allowed: ["instructor", "committee", "admin"], prepare: async () => ({ path: "/api/procedures/avip-puy-de-dome/versions" }) },
  { route: "GET /api/versions/:versionId", allowed: "signedIn", prepare: async () => ({ path: `/api/versions/${http.setup.published.versionId}` }) },
  { route: "GET /api/versions/:versionId/files", allowed: ["admin"], prepare: async () => ({ path: `/api/versions/${http.setup.published.versionId}/files` }) },
  { route: "GET /api/versions/:versionId/forms/:formId/validator.js", allowed: "everyone", prepare: async () => ({ path: `/api/versions/${http.setup.published.versionId}/forms/labelDecision/validator.js` }) },
  { route: "GET /api/meta/validators.js", allowed: "everyone", prepare: async () => ({ path: "/api/meta/validators.js" }) },
  { route: "POST /api/versions/:versionId/evaluate", allowed: "everyone", prepare: async () => ({ path: `/api/versions/${http.setup.published.versionId}/evaluate`, body: { data: {} } }) },
  { route: "POST /api/packages/check", allowed: ["admin", "foreignAdmin"], prepare: async () => ({ path: "/api/packages/check", body: { files: await readPackageDir(DEFAULT_PACKAGE_DIR) } }) },
  { route: "POST /api/procedures", allowed: ["admin"], prepare: async () => ({ path: "/api/procedures", body: { files: await readPackageDir(DEFAULT_PACKAGE_DIR) } }) },
  { route: "POST /api/procedures/:id/migrations", allowed: ["admin"], prepare: async () => ({ path: "/api/procedures/avip-puy-de-dome/migrations", body: { toVersion: http.setup.published.versionId } }) },
  { route: "GET /api/dossiers", allowed: ["manager", "otherManager", "instructor", "committee", "admin"], prepare: async () => ({ path: "/api/dossiers?procedureId=avip-puy-de-dome&limit=5" }) },
  { route: "POST /api/dossiers", allowed: ["manager", "otherManager"], prepare: async () => ({ path: "/api/dossiers", body: { procedureId: "avip-puy-de-dome" } }) },
  { route: "GET /api/dossiers/:id", allowed: ["manager", "instructor", "committee", "admin"], prepare: async () => ({ path: `/api/dossiers/${await submittedA()}` }) },
  { route: "PUT /api/dossiers/:id/data", allowed: ["manager"], prepare: async () => {
    const id = await draftA();
    return { path: `/api/dossiers/${id}/data`, body: { data: await completeApplication(), expectedVersion: (await http.setup.engine.getDossier(id, managerActor())).version } };
  } },
  { route: "POST /api/dossiers/:id/submit", allowed: ["manager"], prepare: async () => ({ path: `/api/dossiers/${await draftA()}/submit`, body: {} }) },
  { route: "POST /api/dossiers/:id/withdraw", allowed: ["manager"], prepare: async () => ({ path: `/api/dossiers/${await draftA()}/withdraw` }) },
  { route: "GET /api/dossiers/:id/transitions", allowed: ["manager", "instructor", "committee", "admin"], prepare: async () => ({ path: `/api/dossiers/${await submittedA()}/transitions` }) },
  { route: "POST /api/dossiers/:id/transitions", allowed: ["instructor"], prepare: async () => ({ path: `/api/dossiers/${await submittedA()}/transitions`, body: { event: "START_INSTRUCTION", input: { caseNumber: "M-1" } } }) },
  { route: "GET /api/dossiers/:id/history", allowed: ["manager", "instructor", "committee", "admin"], prepare: async () => ({ path: `/api/dossiers/${await submittedA()}/history` }) },
  { route: "GET /api/dossiers/:id/cycles", allowed: ["manager", "instructor", "committee", "admin"], prepare: async () => ({ path: `/api/dossiers/${await submittedA()}/cycles` }) },
  { route: "GET /api/dossiers/:id/attachments", allowed: ["manager", "instructor", "committee", "admin"], prepare: async () => ({ path: `/api/dossiers/${await draftA()}/attachments` }) },
  {
    route: "POST /api/dossiers/:id/attachments", allowed: ["manager"],
    prepare: async () => {
      const form = new FormData();
      form.set("file", new File([PDF], "fiche-de-poste.pdf", { type: "application/pdf" }));
      return { path: `/api/dossiers/${await draftA()}/attachments`, body: form };
    },
  },
  { route: "GET /api/attachments/:id", allowed: ["manager", "instructor", "committee", "admin"], prepare: async () => ({ path: `/api/attachments/${await attachmentA()}` }) },
  { route: "POST /api/signup", allowed: "everyone", expect: 202, prepare: async () => ({ path: "/api/signup", body: { email: `inscription-${unique()}@test.local` } }) },
  { route: "POST /api/signup/inspect", allowed: "everyone", expect: 404, prepare: async () => ({ path: "/api/signup/inspect", body: { token: "x".repeat(43) } }) },
  { route: "POST /api/signup/complete", allowed: "everyone", expect: 404, prepare: async () => ({ path: "/api/signup/complete", body: { token: "x".repeat(43), displayName: "Personne", password: "un mot de passe assez long" } }) },
  { route: "POST /api/password/forgot", allowed: "everyone", expect: 202, prepare: async () => ({ path: "/api/password/forgot", body: { email: `oubli-${unique()}@test.local` } }) },
  { route: "POST /api/password/reset", allowed: "everyone", expect: 404, prepare: async () => ({ path: "/api/password/reset", body: { token: "x".repeat(43), password: "un mot de passe assez long" } }) },
  { route: "PUT /api/auth/password", allowed: "signedIn", prepare: async () => ({ path: "/api/auth/password", body: { currentPassword: PASSWORD, newPassword: PASSWORD } }) },
  { route: "POST /api/invitations/inspect", allowed: "everyone", expect: 404, prepare: async () => ({ path: "/api/invitations/inspect", body: { token: "x".repeat(43) } }) },
  { route: "GET /api/invitations", allowed: ["admin", "foreignAdmin"], prepare: async () => ({ path: "/api/invitations" }) },
  { route: "POST /api/invitations/:id/resend", allowed: ["admin"], prepare: async () => ({ path: `/api/invitations/${await invitation63()}/resend`, body: {} }) },
  { route: "DELETE /api/invitations/:id", allowed: ["admin"], prepare: async () => ({ path: `/api/invitations/${await invitation63()}` }) },
  { route: "GET /api/auth/providers", allowed: "everyone", prepare: async () => ({ path: "/api/auth/providers" }) },
  { route: "GET /api/auth/proconnect/login", allowed: "everyone", expect: 302, prepare: async () => ({ path: "/api/auth/proconnect/login?retour=/" }) },
  { route: "GET /api/auth/proconnect/callback", allowed: "everyone", expect: 302, prepare: async () => ({ path: "/api/auth/proconnect/callback?code=x&state=y" }) },
  { route: "GET /api/territories", allowed: "everyone", prepare: async () => ({ path: "/api/territories" }) },
  { route: "GET /api/organisations/lookup", allowed: ["manager", "otherManager", "newcomer"], prepare: async () => ({ path: `/api/organisations/lookup?siret=${http.setup.orgA.siret}` }) },
  {
    route: "POST /api/organisations/:id/join-requests", allowed: ["newcomer"],
    prepare: async () => ({ path: `/api/organisations/${http.setup.orgA.id}/join-requests`, body: { message: "Bonjour" } }),
  },
  { route: "GET /api/organisations/:id/join-requests", allowed: ["manager"], ownerOnly: true, prepare: async () => ({ path: `/api/organisations/${http.setup.orgA.id}/join-requests` }) },
  {
    route: "POST /api/join-requests/:id/decision", allowed: ["manager"], ownerOnly: true,
    prepare: async () => {
      const accountId = await freshPerson(null);
      const asker = { id: accountId, email: "", displayName: "", role: "manager" as const, territoryCode: "", organisationId: null, organisationRole: null };
      const { id } = await requestToJoin({ db: http.database.db, clock: http.clock.fn }, asker, http.setup.orgA.id, undefined, "http://localhost");
      return { path: `/api/join-requests/${id}/decision`, body: { decision: "refuse" } };
    },
  },
  { route: "GET /api/organisations/:id/members", allowed: ["manager", "instructor", "committee", "admin"], prepare: async () => ({ path: `/api/organisations/${http.setup.orgA.id}/members` }) },
  { route: "POST /api/organisations/:id/invitations", allowed: ["manager"], ownerOnly: true, prepare: async () => ({ path: `/api/organisations/${http.setup.orgA.id}/invitations`, body: { email: `invite-${unique()}@test.local` } }) },
  { route: "DELETE /api/organisations/:id/members/:accountId", allowed: ["manager"], ownerOnly: true, prepare: async () => ({ path: `/api/organisations/${http.setup.orgA.id}/members/${await freshPerson(http.setup.orgA.id)}` }) },
  {
    route: "POST /api/organisations/:id/ownership", allowed: ["manager"], ownerOnly: true,
    prepare: async () => ({ path: `/api/organisations/${http.setup.orgA.id}/ownership`, body: { accountId: await freshPerson(http.setup.orgA.id) } }),
  },
  { route: "GET /api/join-requests/mine", allowed: ["manager", "otherManager", "newcomer"], prepare: async () => ({ path: "/api/join-requests/mine" }) },
  {
    route: "DELETE /api/join-requests/:id", allowed: ["newcomer"],
    prepare: async () => {
      await resetNewcomer();
      const asker = { id: http.accounts.newcomer!.id, email: "", displayName: "", role: "manager" as const, territoryCode: "", organisationId: null, organisationRole: null };
      const { id } = await requestToJoin({ db: http.database.db, clock: http.clock.fn }, asker, http.setup.orgA.id, undefined, "http://localhost");
      return { path: `/api/join-requests/${id}` };
    },
  },
];

describe("authorization matrix", () => {
  it("lists every route of the API", async () => {
    const doc = (await (await http.anonymous.request("GET", "/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([A-Za-z]+)\}/g, ":$1")}`));
    const covered = [...CASES.map((c) => c.route), "POST /api/auth/login", "POST /api/auth/logout"];
    expect(documented.filter((r) => !covered.includes(r))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.route, c] as const))("%s", async (_route, c) => {
    const listed = c.allowed === "everyone" ? [...WHO] : c.allowed === "signedIn" ? WHO.filter((w) => w !== "anonymous") : c.allowed;
    const allowed: Who[] = listed.includes("manager") && !c.ownerOnly && !listed.includes("member") ? [...listed, "member"] : listed;
    const [method, template] = c.route.split(" ") as [string, string];
    const outcomes: string[] = [];
    await resetNewcomer();
    await resetOwners();
    for (const who of WHO) {
      const { path, body, headers } = await c.prepare(who);
      const res = await clients.get(who)!.request(method, path, body, headers);
      const ok = allowed.includes(who);
      const good = ok
        ? (c.expect !== undefined ? res.status === c.expect : res.status < 300)
        : who === "anonymous" && !["everyone"].includes(c.allowed as string) ? res.status === 401 : res.status === 403 || res.status === 404;
      if (!good) outcomes.push(`${who}: ${res.status} ${await res.text()}`);
      if (!ok && res.status >= 400) expect(res.headers.get("content-type"), `${who} ${template}`).toContain("application/problem+json");
    }
    expect(outcomes).toEqual([]);
  });

  it("opens and closes sessions for every signed-in person", async () => {
    for (const who of WHO.filter((w) => w !== "anonymous")) {
      const client = await http.login(who);
      expect((await client.request("POST", "/api/auth/logout")).status, who).toBe(204);
      expect((await client.request("GET", "/api/auth/me")).status, who).toBe(401);
    }
    expect((await http.anonymous.request("POST", "/api/auth/logout")).status).toBe(401);
    const res = await http.anonymous.request("POST", "/api/auth/login", { email: http.accounts.manager!.email, password: PASSWORD });
    expect(res.status).toBe(200);
  });

  it("never lets a manager see another organisation's dossiers in a listing", async () => {
    await submittedA();
    const page = (await (await clients.get("otherManager")!.request("GET", "/api/dossiers")).json()) as { items: Array<{ organisationId: string }> };
    expect(page.items.every((d) => d.organisationId === http.setup.orgB.id)).toBe(true);
    expect((await clients.get("otherManager")!.request("GET", `/api/dossiers?organisationId=${http.setup.orgA.id}`)).status).toBe(403);
  });
});
