/**
 * Organisations through the HTTP API: territories, a manager without
 * organisation creating one (SIRET checked with its key, typed with spaces,
 * one organisation per SIRET), finding one by SIRET, and join requests with
 * the emails to the owners and to the requester.
 */
import { describe, expect, it } from "vitest";
import { ORIGIN, type Client } from "../helpers/http-setup";
import { httpSuite, json } from "../helpers/http-suite";
import { emailsTo, linkIn, spaced, validSiret } from "../helpers/organisations";

const suite = httpSuite({ owner: "manager", member: "member", otherOwner: "otherManager", instructor: "instructor", admin: "admin" });
let people = 0;

const newcomer = () => suite.http.signUp(`Nouvelle${++people}`);
const countOrganisations = async () => (await suite.http.database.db.kysely.selectFrom("organisations").select("id").execute()).length;
const orgA = () => suite.http.setup.orgA;

describe("territories", () => {
  it("lists the territories to anyone, with their names", async () => {
    const body = await json(await suite.http.anonymous.request("GET", "/api/territories"), 200);
    expect(body.items).toContainEqual({ code: "63", name: expect.any(String) });
    expect(Object.keys(body.items[0]).sort()).toEqual(["code", "name"]);
  });
});

describe("creating an organisation", () => {
  it("lets a manager without organisation create one typed with spaces: owner, territory taken, the session sees it at once", async () => {
    const me = await newcomer();
    const siret = validSiret(1);
    const created = await json(await me.request("POST", "/api/organisations", { name: "  Crèche Les Lucioles ", siret: spaced(siret), legalStatus: "association", territoryCode: "63" }), 201);
    expect(created.organisation).toEqual({ id: expect.any(String), name: "Crèche Les Lucioles", siret, legalStatus: "association", territoryCode: "63" });
    expect(created.account).toMatchObject({ organisationId: created.organisation.id, organisationRole: "owner", territoryCode: "63", role: "manager" });
    const session = await json(await me.request("GET", "/api/auth/me"), 200);
    expect(session.account).toMatchObject({ organisationId: created.organisation.id, organisationRole: "owner", territoryCode: "63" });
    const listing = await json(await me.request("GET", "/api/organisations"), 200);
    expect(listing.items.map((o: { id: string }) => o.id)).toEqual([created.organisation.id]);
    const members = await json(await me.request("GET", `/api/organisations/${created.organisation.id}/members`), 200);
    expect(members.items).toEqual([{ accountId: suite.http.accounts[`Nouvelle${people}`]!.id, displayName: `Nouvelle${people}`, email: `nouvelle${people}@test.local`, organisationRole: "owner" }]);

    const before = await countOrganisations();
    const second = await json(await me.request("POST", "/api/organisations", { name: "Deuxième", siret: validSiret(2), legalStatus: "association", territoryCode: "63" }), 403);
    expect(second.detail).toMatch(/déjà partie d'une organisation/);
    await json(await me.request("POST", `/api/organisations/${orgA().id}/join-requests`, {}), 403);
    expect(await countOrganisations()).toBe(before);
  });

  it("refuses a SIRET with a wrong key, letters, missing fields, an unknown territory or legal status, naming the field, writing nothing", async () => {
    const me = await newcomer();
    const before = await countOrganisations();
    const valid = { name: "Association Tournesol", siret: validSiret(3), legalStatus: "association", territoryCode: "63" };
    const wrongKey = valid.siret.slice(0, 13) + String((Number(valid.siret[13]) + 1) % 10);
    for (const siret of [wrongKey, "1234567890123", "ABC DEF GHI JKLMN", spaced(wrongKey)]) {
      const body = await json(await me.request("POST", "/api/organisations", { ...valid, siret }), 422);
      expect(body.errors, siret).toEqual([expect.objectContaining({ pointer: "/siret", message: expect.stringMatching(/SIRET/) })]);
    }
    const missing = await json(await me.request("POST", "/api/organisations", { name: "Sans rien" }), 422);
    expect(missing.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/legalStatus", "/siret", "/territoryCode"]);
    const territory = await json(await me.request("POST", "/api/organisations", { ...valid, territoryCode: "99" }), 422);
    expect(territory.errors).toEqual([expect.objectContaining({ pointer: "/territoryCode", message: expect.stringMatching(/territoire inconnu/) })]);
    const status = await json(await me.request("POST", "/api/organisations", { ...valid, legalStatus: "sarl" }), 422);
    expect(status.errors).toContainEqual(expect.objectContaining({ pointer: "/legalStatus" }));
    expect(await countOrganisations()).toBe(before);
    expect((await json(await me.request("GET", "/api/auth/me"), 200)).account.organisationId).toBeNull();
  });

  it("answers 409 siret_taken, inviting to ask to join, for a SIRET already inscribed — typed with spaces, by a manager or an admin", async () => {
    const me = await newcomer();
    const before = await countOrganisations();
    const taken = await json(await me.request("POST", "/api/organisations", { name: "Mairie bis", siret: spaced(orgA().siret!), legalStatus: "collectivite", territoryCode: "63" }), 409);
    expect(taken).toMatchObject({ code: "siret_taken", detail: expect.stringMatching(/demandez à la rejoindre/) });
    expect(taken.errors).toEqual([expect.objectContaining({ pointer: "/siret" })]);
    expect((await json(await suite.admin.request("POST", "/api/organisations", { name: "Mairie ter", siret: orgA().siret }), 409)).code).toBe("siret_taken");
    expect(await countOrganisations()).toBe(before);
  });

  it("gives one organisation when two people create the same SIRET at the same moment", async () => {
    const [a, b] = [await newcomer(), await newcomer()];
    const body = { name: "Centre social", siret: validSiret(4), legalStatus: "association", territoryCode: "63" };
    const statuses = (await Promise.all([a, b].map((c) => c.request("POST", "/api/organisations", body)))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
  });

  it("keeps the admin's creation as before: its territory, SIRET optional, the organisation itself", async () => {
    const created = await json(await suite.admin.request("POST", "/api/organisations", { name: "Association Sans Siret" }), 201);
    expect(created).toMatchObject({ name: "Association Sans Siret", siret: null, territory_code: "63" });
    const spacedOk = await json(await suite.admin.request("POST", "/api/organisations", { name: "Avec SIRET", siret: spaced(validSiret(5)), legalStatus: "entreprise" }), 201);
    expect(spacedOk).toMatchObject({ siret: validSiret(5), legal_status: "entreprise" });
    await json(await suite.admin.request("POST", "/api/organisations", { name: "Ailleurs", territoryCode: "03" }), 422);
    await json(await suite.instructor.request("POST", "/api/organisations", { name: "Pas moi" }), 403);
  });
});

describe("finding an organisation by SIRET", () => {
  it("answers its id, name and territory to a manager, typed with spaces; 404 when none; 422 for an invalid SIRET", async () => {
    const me = await newcomer();
    const found = await json(await me.request("GET", `/api/organisations/lookup?siret=${encodeURIComponent(spaced(orgA().siret!))}`), 200);
    expect(found).toEqual({ id: orgA().id, name: orgA().name, territoryCode: "63" });
    expect((await json(await me.request("GET", `/api/organisations/lookup?siret=${validSiret(6)}`), 404)).detail).toMatch(/créer/);
    expect((await json(await me.request("GET", "/api/organisations/lookup?siret=12345678901234"), 422)).errors).toEqual([expect.objectContaining({ pointer: "?/siret" })]);
    await json(await me.request("GET", "/api/organisations/lookup"), 422);
    await json(await suite.instructor.request("GET", `/api/organisations/lookup?siret=${orgA().siret}`), 403);
  });
});

describe("join requests", () => {
  it("emails every owner; owners list and approve; the requester is emailed and its open session is a member at once", async () => {
    const me = await newcomer();
    const name = `Nouvelle${people}`;
    const asked = await json(await me.request("POST", `/api/organisations/${orgA().id}/join-requests`, { message: "Je suis la directrice de la crèche municipale." }), 201);
    expect(asked).toEqual({ id: expect.any(String), status: "pending" });
    const toOwner = (await emailsTo(suite.http.database.db, suite.http.accounts.manager!.email)).filter((e) => e.kind === "organisation_join_request").at(-1)!;
    expect(toOwner.subject).toBe(`Demande pour rejoindre ${orgA().name}`);
    expect(toOwner.text).toContain(`${name} (${name.toLowerCase()}@test.local)`);
    expect(toOwner.text).toContain("Je suis la directrice de la crèche municipale.");
    expect(linkIn(toOwner.text)).toBe(`${ORIGIN}/organisation`);
    expect(await emailsTo(suite.http.database.db, suite.http.accounts.member!.email)).toEqual([]);

    const again = await json(await me.request("POST", `/api/organisations/${suite.http.setup.orgB.id}/join-requests`, {}), 409);
    expect(again).toMatchObject({ code: "join_request_pending", detail: expect.stringContaining(orgA().name) });
    await json(await suite.member.request("GET", `/api/organisations/${orgA().id}/join-requests`), 403);
    await json(await suite.otherOwner.request("GET", `/api/organisations/${orgA().id}/join-requests`), 403);
    await json(await suite.instructor.request("GET", `/api/organisations/${orgA().id}/join-requests`), 403);
    const list = await json(await suite.owner.request("GET", `/api/organisations/${orgA().id}/join-requests`), 200);
    expect(list.items).toContainEqual({ id: asked.id, accountId: suite.http.accounts[name]!.id, displayName: name, email: `${name.toLowerCase()}@test.local`, message: "Je suis la directrice de la crèche municipale.", createdAt: expect.any(String) });

    await json(await suite.member.request("POST", `/api/join-requests/${asked.id}/decision`, { decision: "approve" }), 403);
    await json(await suite.otherOwner.request("POST", `/api/join-requests/${asked.id}/decision`, { decision: "approve" }), 404);
    expect(await json(await suite.owner.request("POST", `/api/join-requests/${asked.id}/decision`, { decision: "approve" }), 200)).toEqual({ id: asked.id, status: "approved" });
    await json(await suite.owner.request("POST", `/api/join-requests/${asked.id}/decision`, { decision: "refuse" }), 409);
    const approved = (await emailsTo(suite.http.database.db, `${name.toLowerCase()}@test.local`)).at(-1)!;
    expect(approved).toMatchObject({ kind: "organisation_join_approved", subject: `Vous avez rejoint ${orgA().name}` });
    expect(linkIn(approved.text)).toBe(`${ORIGIN}/organisation`);
    expect((await json(await me.request("GET", "/api/auth/me"), 200)).account).toMatchObject({ organisationId: orgA().id, organisationRole: "member", territoryCode: "63" });
    expect((await json(await suite.owner.request("GET", `/api/organisations/${orgA().id}/join-requests`), 200)).items.map((r: { id: string }) => r.id)).not.toContain(asked.id);
    expect((await me.request("GET", "/api/dossiers?limit=1")).status).toBe(200);
  });

  it("on refusal emails the requester, who stays without organisation and may ask again", async () => {
    const me = await newcomer();
    const name = `Nouvelle${people}`;
    const asked = await json(await me.request("POST", `/api/organisations/${orgA().id}/join-requests`), 201);
    expect(await json(await suite.owner.request("POST", `/api/join-requests/${asked.id}/decision`, { decision: "refuse" }), 200)).toEqual({ id: asked.id, status: "refused" });
    const refused = (await emailsTo(suite.http.database.db, `${name.toLowerCase()}@test.local`)).at(-1)!;
    expect(refused).toMatchObject({ kind: "organisation_join_refused", subject: `Votre demande pour rejoindre ${orgA().name}` });
    expect(refused.text).toMatch(/a été refusée/);
    expect((await json(await me.request("GET", "/api/auth/me"), 200)).account).toMatchObject({ organisationId: null, organisationRole: null });
    await json(await me.request("POST", `/api/organisations/${suite.http.setup.orgB.id}/join-requests`, { message: "Et chez vous ?" }), 201);
  });

  it("refuses requests to an unknown organisation, by staff, and unknown decisions", async () => {
    const me = await newcomer();
    await json(await me.request("POST", "/api/organisations/inconnue/join-requests", {}), 404);
    await json(await suite.instructor.request("POST", `/api/organisations/${orgA().id}/join-requests`, {}), 403);
    await json(await suite.owner.request("POST", "/api/join-requests/inconnue/decision", { decision: "approve" }), 404);
    expect((await json(await suite.owner.request("POST", "/api/join-requests/x/decision", { decision: "peut-être" }), 422)).errors).toContainEqual(expect.objectContaining({ pointer: "/decision" }));
  });
});
