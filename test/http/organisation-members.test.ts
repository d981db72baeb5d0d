/**
 * An organisation's members over HTTP: who reads the list, invitations by
 * email (no disclosure of existing accounts) accepted through the existing
 * route, removing and leaving (never the last owner), handing ownership over;
 * and the point of it all — every member sees and edits the organisation's
 * dossiers, the history names each person, and a removed member loses
 * access on the very next request of its open session.
 */
import { describe, expect, it } from "vitest";
import { actorOf } from "../../server/auth/accounts";
import { completeApplication, ownAttachments } from "../helpers/engine-setup";
import { ORIGIN, PASSWORD, type Client } from "../helpers/http-setup";
import { httpSuite, json } from "../helpers/http-suite";
import { emailsTo, linkIn, validSiret } from "../helpers/organisations";

const suite = httpSuite({ owner: "manager", member: "member", otherOwner: "otherManager", instructor: "instructor", foreignInstructor: "foreignInstructor" });
let people = 0;

const orgA = () => suite.http.setup.orgA;
const membersPath = () => `/api/organisations/${orgA().id}/members`;

/** A new organisation owned by a fresh person, with `extra` members (signed in). */
async function organisation(extra = 1): Promise<{ id: string; owner: Client; ownerId: string; members: Array<{ client: Client; id: string }> }> {
  const name = `Proprio${++people}`;
  const me = await suite.http.signUp(name);
  const created = await json(await me.request("POST", "/api/organisations", { name: `Organisation ${people}`, siret: validSiret(100 + people), legalStatus: "association", territoryCode: "63" }), 201);
  const members = [];
  for (let i = 0; i < extra; i++) {
    const memberName = `Membre${people}x${i}`;
    members.push({ client: await suite.http.signUp(memberName, { territory: "63", org: created.organisation.id, orgRole: "member" }), id: suite.http.accounts[memberName]!.id });
  }
  return { id: created.organisation.id, owner: me, ownerId: suite.http.accounts[name]!.id, members };
}

/** Accepts the invitation whose link was emailed to `email`; the new person's signed-in client. */
async function acceptEmailedInvitation(email: string, displayName: string): Promise<{ client: Client; accountId: string }> {
  const invitation = (await emailsTo(suite.http.database.db, email)).filter((e) => e.kind === "organisation_invitation").at(-1)!;
  const link = linkIn(invitation.text);
  expect(link.startsWith(`${ORIGIN}/invitation#`)).toBe(true);
  const res = await suite.http.anonymous.request("POST", "/api/invitations/accept", { token: link.slice(link.indexOf("#") + 1), displayName, password: PASSWORD });
  const body = await json(res, 200);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const client: Client = {
    name: displayName,
    raw: (path, init = {}) => Promise.resolve(suite.http.app.request(path, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), cookie } })),
    request: (method, path, payload) => Promise.resolve(suite.http.app.request(path, {
      method, headers: { origin: ORIGIN, cookie, "x-csrf-token": body.csrfToken, ...(payload !== undefined ? { "content-type": "application/json" } : {}) },
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
    })),
  };
  return { client, accountId: body.account.id };
}

describe("reading the members", () => {
  it("shows members to the organisation's people and its territory's staff; pending invitations to owners only", async () => {
    await json(await suite.owner.request("POST", `/api/organisations/${orgA().id}/invitations`, { email: "future@test.local" }), 201);
    const asOwner = await json(await suite.owner.request("GET", membersPath()), 200);
    expect(asOwner.organisation).toEqual({ id: orgA().id, name: orgA().name, siret: orgA().siret, legalStatus: null, territoryCode: "63" });
    expect(asOwner.items).toEqual([
      { accountId: suite.http.accounts.manager!.id, displayName: "manager", email: "manager@test.local", organisationRole: "owner" },
      { accountId: suite.http.accounts.member!.id, displayName: "member", email: "member@test.local", organisationRole: "member" },
    ]);
    expect(asOwner.invitations).toContainEqual({ id: expect.stringMatching(/^[0-9a-f]{64}$/), email: "future@test.local", createdAt: expect.any(String), expiresAt: expect.any(String) });
    const asMember = await json(await suite.member.request("GET", membersPath()), 200);
    expect(asMember.items).toEqual(asOwner.items);
    expect(asMember.invitations).toEqual([]);
    expect((await json(await suite.instructor.request("GET", membersPath()), 200)).items).toHaveLength(2);
    await json(await suite.foreignInstructor.request("GET", membersPath()), 404);
    await json(await suite.otherOwner.request("GET", membersPath()), 403);
    await json(await (await suite.http.signUp(`Curieux${++people}`)).request("GET", membersPath()), 403);
    await json(await suite.owner.request("GET", "/api/organisations/inconnue/members"), 404);
  });
});

describe("inviting", () => {
  it("emails a one-time link for 7 days; the invited person's account joins as a member of the organisation's territory", async () => {
    const res = await json(await suite.owner.request("POST", `/api/organisations/${orgA().id}/invitations`, { email: "Camille.Invitee@Test.local" }), 201);
    expect(res).toEqual({ id: expect.any(String), email: "camille.invitee@test.local", expiresAt: new Date(suite.http.clock.now.getTime() + 7 * 86_400_000).toISOString() });
    const mail = (await emailsTo(suite.http.database.db, "camille.invitee@test.local")).at(-1)!;
    expect(mail).toMatchObject({ kind: "organisation_invitation", subject: `Invitation à rejoindre ${orgA().name} sur Guichet` });
    expect(mail.text).toMatch(/manager vous invite/);
    expect(mail.text).toMatch(/expire dans 7 jours/);
    const { client, accountId } = await acceptEmailedInvitation("camille.invitee@test.local", "Camille Invitée");
    expect((await json(await client.request("GET", "/api/auth/me"), 200)).account).toMatchObject({ id: accountId, role: "manager", organisationId: orgA().id, organisationRole: "member", territoryCode: "63" });
    const after = await json(await suite.owner.request("GET", membersPath()), 200);
    expect(after.invitations.map((i: { email: string }) => i.email)).not.toContain("camille.invitee@test.local");
  });

  it("answers an address that has an account exactly as a new one, and emails it to sign in and ask to join", async () => {
    const fresh = await json(await suite.owner.request("POST", `/api/organisations/${orgA().id}/invitations`, { email: "inconnu-total@test.local" }), 201);
    const known = await json(await suite.owner.request("POST", `/api/organisations/${orgA().id}/invitations`, { email: "othermanager@test.local" }), 201);
    expect(Object.keys(known).sort()).toEqual(Object.keys(fresh).sort());
    expect(known.expiresAt).toBe(fresh.expiresAt);
    const mail = (await emailsTo(suite.http.database.db, "othermanager@test.local")).at(-1)!;
    expect(mail.kind).toBe("organisation_invitation_existing_account");
    expect(mail.subject).toBe((await emailsTo(suite.http.database.db, "inconnu-total@test.local")).at(-1)!.subject);
    expect(linkIn(mail.text)).toBe(`${ORIGIN}/organisation`);
    expect(mail.text).not.toMatch(/invitation#/);
  });

  it("lets only the owners of the organisation invite", async () => {
    const before = (await suite.http.database.db.kysely.selectFrom("outbox").select("id").execute()).length;
    await json(await suite.member.request("POST", `/api/organisations/${orgA().id}/invitations`, { email: "x@test.local" }), 403);
    await json(await suite.otherOwner.request("POST", `/api/organisations/${orgA().id}/invitations`, { email: "x@test.local" }), 403);
    await json(await suite.instructor.request("POST", `/api/organisations/${orgA().id}/invitations`, { email: "x@test.local" }), 403);
    expect((await json(await suite.owner.request("POST", `/api/organisations/${orgA().id}/invitations`, { email: "pas une adresse" }), 422)).errors).toContainEqual(expect.objectContaining({ pointer: "/email" }));
    expect((await suite.http.database.db.kysely.selectFrom("outbox").select("id").execute()).length).toBe(before);
  });
});

describe("invitation limit", () => {
  it("refuses the 31st invitation of an organisation within the hour with 429 and Retry-After, writing nothing", async () => {
    const org = await organisation(0);
    for (let i = 0; i < 30; i++) await json(await org.owner.request("POST", `/api/organisations/${org.id}/invitations`, { email: `lot-${people}-${i}@test.local` }), 201);
    const res = await org.owner.request("POST", `/api/organisations/${org.id}/invitations`, { email: `lot-${people}-x@test.local` });
    expect((await json(res, 429)).detail).toMatch(/30 invitations par heure/);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await emailsTo(suite.http.database.db, `lot-${people}-x@test.local`)).toEqual([]);
    await json(await suite.owner.request("POST", `/api/organisations/${orgA().id}/invitations`, { email: `ailleurs-${people}@test.local` }), 201);
  });
});

describe("removing, leaving, handing over", () => {
  it("lets a member leave and an owner remove a member; never the last owner", async () => {
    const org = await organisation(2);
    const [a, b] = org.members as [{ client: Client; id: string }, { client: Client; id: string }];
    await json(await a.client.request("DELETE", `/api/organisations/${org.id}/members/${b.id}`), 403);
    await json(await suite.otherOwner.request("DELETE", `/api/organisations/${org.id}/members/${b.id}`), 403);
    await json(await suite.owner.request("DELETE", `/api/organisations/${org.id}/members/${b.id}`), 403);
    await json(await org.owner.request("DELETE", `/api/organisations/${org.id}/members/${suite.http.accounts.member!.id}`), 404);
    const last = await json(await org.owner.request("DELETE", `/api/organisations/${org.id}/members/${org.ownerId}`), 422);
    expect(last.detail).toMatch(/au moins un propriétaire/);
    await json(await a.client.request("DELETE", `/api/organisations/${org.id}/members/${a.id}`), 204);
    expect((await json(await a.client.request("GET", "/api/auth/me"), 200)).account).toMatchObject({ organisationId: null, organisationRole: null, territoryCode: "" });
    await json(await org.owner.request("DELETE", `/api/organisations/${org.id}/members/${b.id}`), 204);
    expect((await json(await org.owner.request("GET", `/api/organisations/${org.id}/members`), 200)).items.map((m: { accountId: string }) => m.accountId)).toEqual([org.ownerId]);
    await json(await b.client.request("GET", `/api/organisations/${org.id}/members`), 403);
  });

  it("hands ownership over to a member: the caller becomes a member, loses the owner's rights, and may then leave", async () => {
    const org = await organisation(1);
    const [heir] = org.members as [{ client: Client; id: string }];
    await json(await heir.client.request("POST", `/api/organisations/${org.id}/ownership`, { accountId: heir.id }), 403);
    expect((await json(await org.owner.request("POST", `/api/organisations/${org.id}/ownership`, { accountId: suite.http.accounts.member!.id }), 422)).errors).toEqual([expect.objectContaining({ pointer: "/accountId" })]);
    await json(await org.owner.request("POST", `/api/organisations/${org.id}/ownership`, { accountId: org.ownerId }), 422);
    const after = await json(await org.owner.request("POST", `/api/organisations/${org.id}/ownership`, { accountId: heir.id }), 200);
    expect(after.items.map((m: { accountId: string; organisationRole: string }) => [m.accountId, m.organisationRole])).toEqual([[heir.id, "owner"], [org.ownerId, "member"]]);
    expect(after.invitations).toEqual([]);
    expect((await json(await org.owner.request("GET", "/api/auth/me"), 200)).account.organisationRole).toBe("member");
    await json(await org.owner.request("POST", `/api/organisations/${org.id}/invitations`, { email: "y@test.local" }), 403);
    await json(await heir.client.request("POST", `/api/organisations/${org.id}/invitations`, { email: "y@test.local" }), 201);
    await json(await org.owner.request("DELETE", `/api/organisations/${org.id}/members/${org.ownerId}`), 204);
    await json(await heir.client.request("DELETE", `/api/organisations/${org.id}/members/${heir.id}`), 422);
  });

  it("keeps an owner when two owners remove each other at the same moment", async () => {
    const org = await organisation(1);
    const [second] = org.members as [{ client: Client; id: string }];
    await json(await org.owner.request("POST", `/api/organisations/${org.id}/ownership`, { accountId: second.id }), 200);
    await suite.http.database.db.kysely.updateTable("accounts").set({ organisation_role: "owner" }).where("id", "=", org.ownerId).execute();
    const statuses = (await Promise.all([
      org.owner.request("DELETE", `/api/organisations/${org.id}/members/${second.id}`),
      second.client.request("DELETE", `/api/organisations/${org.id}/members/${org.ownerId}`),
    ])).map((r) => r.status).sort();
    expect(statuses).toEqual([204, 403]);
    const owners = await suite.http.database.db.kysely.selectFrom("accounts").select("id").where("organisation_id", "=", org.id).where("organisation_role", "=", "owner").execute();
    expect(owners).toHaveLength(1);
  });
});

describe("dossiers shared by the organisation's members", () => {
  it("an owner's draft is edited by an invited member; the history names both; removed, the member loses access at once", async () => {
    const org = await organisation(0);
    const draft = await json(await org.owner.request("POST", "/api/dossiers", { procedureId: "avip-puy-de-dome" }), 201);
    await json(await org.owner.request("POST", `/api/organisations/${org.id}/invitations`, { email: "dominique@test.local" }), 201);
    const { client: dominique, accountId } = await acceptEmailedInvitation("dominique@test.local", "Dominique Martin");
    expect((await json(await dominique.request("GET", `/api/dossiers/${draft.dossier.id}`), 200)).id).toBe(draft.dossier.id);
    const saved = await json(await dominique.request("PUT", `/api/dossiers/${draft.dossier.id}/data`, { data: await completeApplication(), expectedVersion: draft.dossier.version }), 200);
    expect(saved.dossier.version).toBe(draft.dossier.version + 1);
    const listing = await json(await dominique.request("GET", "/api/dossiers"), 200);
    expect(listing.items.map((d: { id: string }) => d.id)).toEqual([draft.dossier.id]);

    const history = await json(await org.owner.request("GET", `/api/dossiers/${draft.dossier.id}/history`), 200);
    expect(history.items.map((e: Record<string, unknown>) => [e.event, e.actorId, e.actorName, e.actorRole])).toEqual([
      ["CREATE", org.ownerId, `Proprio${people}`, "manager"],
      ["SAVE", accountId, "Dominique Martin", "manager"],
    ]);

    await json(await org.owner.request("DELETE", `/api/organisations/${org.id}/members/${accountId}`), 204);
    expect([403, 404]).toContain((await dominique.request("GET", `/api/dossiers/${draft.dossier.id}`)).status);
    expect([403, 404]).toContain((await dominique.request("PUT", `/api/dossiers/${draft.dossier.id}/data`, { data: {}, expectedVersion: saved.dossier.version })).status);
    expect((await dominique.request("GET", "/api/dossiers")).status).toBe(403);
    expect((await json(await org.owner.request("GET", `/api/dossiers/${draft.dossier.id}`), 200)).version).toBe(saved.dossier.version);
  });

  it("names « Guichet (automatique) » for a timer's event, and the instructor for theirs", async () => {
    const created = await json(await suite.owner.request("POST", "/api/dossiers", { procedureId: "avip-puy-de-dome", data: await completeApplication() }), 201);
    const id = created.dossier.id;
    const owner = actorOf({ id: suite.http.accounts.manager!.id, email: "", displayName: "", role: "manager", territoryCode: "63", organisationId: created.dossier.organisationId });
    await ownAttachments(suite.http.setup.engine, id, owner);
    await json(await suite.owner.request("POST", `/api/dossiers/${id}/submit`, {}), 200);
    await json(await suite.instructor.request("POST", `/api/dossiers/${id}/transitions`, { event: "START_INSTRUCTION", input: { caseNumber: "N-1" } }), 200);
    await json(await suite.instructor.request("POST", `/api/dossiers/${id}/transitions`, { event: "REQUEST_COMPLEMENTS", input: { message: "Merci de compléter." } }), 200);
    suite.http.clock.set("2026-09-01T00:00:00Z");
    try {
      expect((await suite.http.setup.engine.fireDueTimers()).fired).toBeGreaterThanOrEqual(1);
    } finally {
      suite.http.clock.set("2026-06-01T08:00:00Z");
    }
    const history = await json(await suite.member.request("GET", `/api/dossiers/${id}/history`), 200);
    const byEvent = Object.fromEntries(history.items.map((e: { event: string; actorName: string; actorRole: string }) => [e.event, [e.actorName, e.actorRole]]));
    expect(byEvent).toMatchObject({ SUBMIT: ["manager", "manager"], START_INSTRUCTION: ["instructor", "instructor"], COMPLEMENTS_OVERDUE: ["Guichet (automatique)", "system"] });
  });
});
