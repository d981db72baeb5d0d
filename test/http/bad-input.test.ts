/**
 * Bad input to every writing route — malformed JSON, wrong types, unknown
 * fields, huge bodies, wrong content types, path traversal in file names —
 * is answered 4xx problem+json in French, and nothing is written.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../server/auth/accounts";
import { completeApplication, ownAttachments } from "../helpers/engine-setup";
import { setupHttp, type Client } from "../helpers/http-setup";
import { PDF } from "../helpers/files";

let http: Awaited<ReturnType<typeof setupHttp>>;
let manager: Client;
let admin: Client;
let instructor: Client;
let newcomer: Client;
let draftId: string;
let submittedId: string;

const TABLES = ["dossiers", "audit_events", "accounts", "organisations", "invitations", "procedure_versions", "attachments", "timers", "cycles", "idempotency_keys", "outbox", "email_tokens", "rate_limits", "sessions", "identities", "join_requests"];
async function snapshot(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(http.database.db.kysely);
    out[table] = Number(rows[0]!.n);
  }
  const { rows } = await sql<{ v: number }>`select coalesce(sum(version), 0) as v from dossiers`.execute(http.database.db.kysely);
  out.dossierVersions = Number(rows[0]!.v);
  return out;
}

beforeAll(async () => {
  http = await setupHttp();
  manager = await http.login("manager");
  admin = await http.login("admin");
  instructor = await http.login("instructor");
  newcomer = await http.login("newcomer");
  const actor = actorOf({ id: http.accounts.manager!.id, email: "", displayName: "", role: "manager", territoryCode: "63", organisationId: http.setup.orgA.id });
  draftId = (await http.setup.engine.createDraft({ procedureId: "avip-puy-de-dome", organisationId: http.setup.orgA.id, data: await completeApplication() }, actor)).dossier.id;
  submittedId = (await http.setup.engine.createDraft({ procedureId: "avip-puy-de-dome", organisationId: http.setup.orgA.id, data: await completeApplication() }, actor)).dossier.id;
  await ownAttachments(http.setup.engine, submittedId, actor);
  await http.setup.engine.submit(submittedId, actor);
}, 30_000); // real scrypt for every account: slow on a loaded machine
afterAll(async () => { await http.cleanup(); });

type Route = { name: string; client: () => Client; method: string; path: () => string; wrongTypes: unknown; valid: () => Record<string, unknown> };
const ROUTES: Route[] = [
  { name: "login", client: () => http.anonymous, method: "POST", path: () => "/api/auth/login", wrongTypes: { email: 42, password: ["x"] }, valid: () => ({ email: "a@test.local", password: "x" }) },
  { name: "logout", client: () => manager, method: "POST", path: () => "/api/auth/logout", wrongTypes: [], valid: () => ({}) },
  { name: "accept invitation", client: () => http.anonymous, method: "POST", path: () => "/api/invitations/accept", wrongTypes: { token: 1, displayName: true, password: null }, valid: () => ({ token: "t".repeat(43), displayName: "Nom", password: "un mot de passe assez long" }) },
  { name: "account status", client: () => admin, method: "PUT", path: () => `/api/accounts/${http.accounts.instructor!.id}/status`, wrongTypes: { status: true }, valid: () => ({ status: "active" }) },
  { name: "invite", client: () => admin, method: "POST", path: () => "/api/invitations", wrongTypes: { email: "pas un courriel", role: "superviseur" }, valid: () => ({ email: "x@test.local", role: "instructor" }) },
  { name: "create organisation", client: () => admin, method: "POST", path: () => "/api/organisations", wrongTypes: { name: 12, siret: "12345678901234" }, valid: () => ({ name: "Organisation" }) },
  { name: "publish", client: () => admin, method: "POST", path: () => "/api/procedures", wrongTypes: { files: { "../manifest.json": "{}" } }, valid: () => ({ files: { "manifest.json": "{}" } }) },
  { name: "evaluate", client: () => http.anonymous, method: "POST", path: () => "/api/procedures/avip-puy-de-dome/evaluate", wrongTypes: { data: "x", facts: [] }, valid: () => ({ data: {} }) },
  { name: "migrate", client: () => admin, method: "POST", path: () => "/api/procedures/avip-puy-de-dome/migrations", wrongTypes: { toVersion: 3 }, valid: () => ({ toVersion: "0".repeat(64) }) },
  { name: "create dossier", client: () => manager, method: "POST", path: () => "/api/dossiers", wrongTypes: { procedureId: 7, data: [] }, valid: () => ({ procedureId: "avip-puy-de-dome" }) },
  { name: "save data", client: () => manager, method: "PUT", path: () => `/api/dossiers/${draftId}/data`, wrongTypes: { data: { facilities: [{ pmiCapacity: "vingt" }] }, expectedVersion: "1" }, valid: () => ({ data: {}, expectedVersion: 1 }) },
  { name: "submit", client: () => manager, method: "POST", path: () => `/api/dossiers/${draftId}/submit`, wrongTypes: { expectedVersion: "deux" }, valid: () => ({}) },
  { name: "withdraw", client: () => manager, method: "POST", path: () => `/api/dossiers/${draftId}/withdraw`, wrongTypes: { expectedVersion: -1 }, valid: () => ({}) },
  { name: "transition", client: () => instructor, method: "POST", path: () => `/api/dossiers/${submittedId}/transitions`, wrongTypes: { event: "start instruction", input: "x" }, valid: () => ({ event: "START_INSTRUCTION", input: { caseNumber: 42 } }) },
  { name: "signup", client: () => http.anonymous, method: "POST", path: () => "/api/signup", wrongTypes: { email: "pas un courriel" }, valid: () => ({ email: "x@test.local" }) },
  { name: "signup inspect", client: () => http.anonymous, method: "POST", path: () => "/api/signup/inspect", wrongTypes: { token: "court" }, valid: () => ({ token: "t".repeat(43) }) },
  { name: "signup complete", client: () => http.anonymous, method: "POST", path: () => "/api/signup/complete", wrongTypes: { token: 3, displayName: [], password: {} }, valid: () => ({ token: "t".repeat(43), displayName: "Nom", password: "un mot de passe assez long" }) },
  { name: "password forgot", client: () => http.anonymous, method: "POST", path: () => "/api/password/forgot", wrongTypes: { email: ["x@test.local"] }, valid: () => ({ email: "x@test.local" }) },
  { name: "password reset", client: () => http.anonymous, method: "POST", path: () => "/api/password/reset", wrongTypes: { token: null, password: 12 }, valid: () => ({ token: "t".repeat(43), password: "un mot de passe assez long" }) },
  { name: "password change", client: () => manager, method: "PUT", path: () => "/api/auth/password", wrongTypes: { currentPassword: 1, newPassword: false }, valid: () => ({ currentPassword: "x", newPassword: "un mot de passe assez long" }) },
  { name: "invitation inspect", client: () => http.anonymous, method: "POST", path: () => "/api/invitations/inspect", wrongTypes: { token: { a: 1 } }, valid: () => ({ token: "t".repeat(43) }) },
  { name: "invitation resend", client: () => admin, method: "POST", path: () => `/api/invitations/${"0".repeat(64)}/resend`, wrongTypes: [], valid: () => ({}) },
  { name: "create own organisation", client: () => newcomer, method: "POST", path: () => "/api/organisations", wrongTypes: { name: 12, siret: "1234 5678 9012 34", legalStatus: "sarl", territoryCode: [] }, valid: () => ({ name: "Association", siret: "40000000000014", legalStatus: "association", territoryCode: "63" }) },
  { name: "join request", client: () => newcomer, method: "POST", path: () => `/api/organisations/${http.setup.orgA.id}/join-requests`, wrongTypes: { message: 42 }, valid: () => ({}) },
  { name: "join decision", client: () => manager, method: "POST", path: () => "/api/join-requests/inconnue/decision", wrongTypes: { decision: true }, valid: () => ({ decision: "approve" }) },
  { name: "invite to organisation", client: () => manager, method: "POST", path: () => `/api/organisations/${http.setup.orgA.id}/invitations`, wrongTypes: { email: "pas un courriel" }, valid: () => ({ email: "x@test.local" }) },
  { name: "hand over ownership", client: () => manager, method: "POST", path: () => `/api/organisations/${http.setup.orgA.id}/ownership`, wrongTypes: { accountId: 5 }, valid: () => ({ accountId: http.accounts.member!.id }) },
];

async function expectProblem(res: Response, status: number, label: string): Promise<{ code: string; errors?: Array<{ pointer: string; message: string }> }> {
  expect(res.status, `${label}: ${res.status}`).toBe(status);
  expect(res.headers.get("content-type"), label).toContain("application/problem+json");
  const body = (await res.json()) as { code: string; title: string; errors?: Array<{ pointer: string; message: string }> };
  expect(body.title, label).toMatch(/[a-zéè]/);
  expect(JSON.stringify(body), label).not.toMatch(/at .*\.ts:\d+|Error:/);
  return body;
}

describe("bad input on every writing route", () => {
  it.each(ROUTES.map((r) => [r.name, r] as const))("%s", async (name, route) => {
    const before = await snapshot();
    const send = (body: string, type = "application/json") => route.client().request(route.method, route.path(), body, { "content-type": type });
    await expectProblem(await send("{oops"), 400, `${name} malformed`);
    await expectProblem(await send("email=a&password=b", "application/x-www-form-urlencoded"), 415, `${name} content type`);
    await expectProblem(await send(JSON.stringify({ ...route.valid(), padding: "x".repeat(1_200_000) })), 413, `${name} huge`);
    const unknown = await expectProblem(await send(JSON.stringify({ ...route.valid(), inconnu: 1 })), 422, `${name} unknown field`);
    expect(unknown.errors, name).toContainEqual(expect.objectContaining({ pointer: "/inconnu" }));
    const wrong = await send(JSON.stringify(route.wrongTypes));
    expect([400, 403, 404, 409, 422], `${name} wrong types ${wrong.status}`).toContain(wrong.status);
    await expectProblem(wrong, wrong.status, `${name} wrong types`);
    expect(await snapshot(), name).toEqual(before);
  });

  it("attachments: wrong content type, malformed multipart, unknown fields, path traversal, disallowed type, oversized", async () => {
    const before = await snapshot();
    const path = `/api/dossiers/${draftId}/attachments`;
    const upload = (name: string, bytes: Uint8Array, extra?: Record<string, string>) => {
      const form = new FormData();
      form.set("file", new File([bytes], name));
      for (const [k, v] of Object.entries(extra ?? {})) form.set(k, v);
      return manager.request("POST", path, form);
    };
    await expectProblem(await manager.request("POST", path, JSON.stringify({ file: "x" }), { "content-type": "application/json" }), 415, "json");
    await expectProblem(await manager.request("POST", path, "--x\r\nbroken", { "content-type": "multipart/form-data; boundary=zzz" }), 400, "malformed multipart");
    await expectProblem(await upload("fiche.pdf", PDF, { autre: "1" }), 422, "unknown field");
    for (const name of ["../../etc/passwd", "..\\..\\boot.ini", "dossier/fiche.pdf", "fiche\u0000.pdf"]) {
      const body = await expectProblem(await upload(name, PDF), 422, `traversal ${name}`);
      expect(body.errors).toContainEqual(expect.objectContaining({ pointer: "/file" }));
    }
    await expectProblem(await upload("page.pdf", new TextEncoder().encode("<html><script>alert(1)</script></html>")), 422, "html disguised as pdf");
    await expectProblem(await upload("vide.pdf", new Uint8Array()), 422, "empty");
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(PDF);
    await expectProblem(await upload("gros.pdf", big), 413, "oversized");
    expect(await snapshot()).toEqual(before);
  });

  it("accepts a real PDF and serves it back as a download to those who may read the dossier", async () => {
    const form = new FormData();
    form.set("file", new File([PDF], "Fiche de poste référente.pdf"));
    const res = await manager.request("POST", `/api/dossiers/${draftId}/attachments`, form);
    expect(res.status).toBe(201);
    const meta = (await res.json()) as { id: string; media_type: string; size: number };
    expect(meta).toMatchObject({ media_type: "application/pdf", size: PDF.length });
    const download = await instructor.request("GET", `/api/attachments/${meta.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="Fiche de poste r_f_rente.pdf"; filename*=UTF-8''${encodeURIComponent("Fiche de poste référente.pdf")}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    const other = await http.login("otherManager");
    expect((await other.request("GET", `/api/attachments/${meta.id}`)).status).toBe(403);
    const history = (await (await manager.request("GET", `/api/dossiers/${draftId}/history`)).json()) as { items: Array<{ event: string }> };
    expect(history.items.at(-1)?.event).toBe("ATTACH");
  });
});

describe("field filters on the listing", () => {
  const listing = (...filters: string[]) => `/api/dossiers?procedureId=avip-puy-de-dome${filters.map((f) => `&filter=${encodeURIComponent(f)}`).join("")}`;

  it("refuses an undeclared field, a filter without field:value, or too many, with a 422 naming the filter parameter", async () => {
    const res = await instructor.request("GET", listing("facilities.qpv:true", "facilities.name:Les Lutins"));
    const unknown = (await expectProblem(res, 422, "undeclared filter")) as { errors?: Array<{ pointer: string }>; detail?: string };
    expect(unknown.errors).toEqual([expect.objectContaining({ pointer: "?/filter/1" })]);
    expect(unknown.detail).toMatch(/filter.*« facilities\.name »/);
    const malformed = await expectProblem(await instructor.request("GET", listing("facilities.qpv")), 422, "no colon");
    expect(malformed.errors).toContainEqual(expect.objectContaining({ pointer: "?/filter/0" }));
    const many = await expectProblem(await instructor.request("GET", listing(...Array.from({ length: 11 }, () => "facilities.qpv:true"))), 422, "too many");
    expect(many.errors).toContainEqual(expect.objectContaining({ pointer: "?/filter" }));
    await expectProblem(await manager.request("GET", `/api/dossiers?filter=${encodeURIComponent("facilities.qpv:true")}`), 422, "no procedure");
  });

  it("lists the dossiers that match every repeated filter, accents and case aside, with their counts", async () => {
    const res = await instructor.request("GET", listing("facilities.qpv:true", "facilities.town:THIERS"));
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: Array<{ id: string }>; countsByState: Record<string, number> };
    expect(page.items.map((d) => d.id).sort()).toEqual([draftId, submittedId].sort());
    expect(page.countsByState).toEqual({ draft: 1, submitted: 1 });
    const none = (await (await instructor.request("GET", listing("facilities.qpv:true", "facilities.town:Riom"))).json()) as { items: unknown[]; countsByState: Record<string, number> };
    expect(none).toMatchObject({ items: [], countsByState: {} });
  });
});
