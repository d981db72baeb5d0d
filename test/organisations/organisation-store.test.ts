/**
 * The organisation rules and SQL on every database (SQLite, and PostgreSQL
 * when TEST_DATABASE_URL is set): one organisation per SIRET even when two
 * transactions insert it at once (the unique index decides), an owner always
 * kept when two owners remove each other at once (the organisation's row
 * lock), one pending join request per account, and the joins that list
 * members, requests and the history's names in one query each.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, type PublicAccount } from "../../server/auth/accounts";
import { insertOrganisation } from "../../server/store/dossier-store";
import { createOwnOrganisation, withSiretGuard } from "../../server/organisations/create-organisation";
import { ownJoinRequest, requestToJoin, withdrawJoinRequest } from "../../server/organisations/join-requests";
import { handOver, removeMember } from "../../server/organisations/members";
import { auditEventsWithNames } from "../../server/store/event-store";
import { countOwners, listMembers, ownerEmails, pendingJoinRequests } from "../../server/store/organisation-store";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { setupEngine } from "../helpers/engine-setup";
import { validSiret } from "../helpers/organisations";

describe.each(DATABASES)("organisations on $name", (kind) => {
  let database: TestDatabase;
  let setup: Awaited<ReturnType<typeof setupEngine>>;
  let auth: ReturnType<typeof createAuth>;
  let n = 0;
  const deps = () => ({ db: database.db, clock: setup.clock.fn });
  const person = (org: string | null = null, role: "owner" | "member" = "member") => auth.createAccount({
    email: `p${++n}@test.local`, displayName: `Personne ${n}`, password: "mot-de-passe-de-test-solide", role: "manager",
    territoryCode: org ? "63" : "", organisationId: org, ...(org ? { organisationRole: role } : {}),
  });
  const create = (account: PublicAccount, siret: string) => createOwnOrganisation(deps(), account, { name: `Organisation ${siret}`, siret, legalStatus: "association", territoryCode: "63" });

  beforeAll(async () => {
    database = await kind.create();
    setup = await setupEngine(database.db);
    auth = createAuth({ db: database.db, clock: setup.clock.fn });
  });
  afterAll(async () => { await database.cleanup(); });

  it("creates one organisation when two transactions insert the same SIRET at once", async () => {
    const siret = validSiret(900);
    const results = await Promise.allSettled([create(await person(), siret), create(await person(), siret)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "siret_taken", status: 409 });
    expect(await database.db.kysely.selectFrom("organisations").select("id").where("siret", "=", siret).execute()).toHaveLength(1);
    // Past the check, the unique index refuses the second row: the guard turns it into the same answer.
    const duplicate = { id: `dup-${siret}`, name: "Doublon", siret, legal_status: null, territory_code: "63", created_at: setup.clock.fn().toISOString() };
    await expect(withSiretGuard(siret, () => insertOrganisation(database.db.kysely, duplicate))).rejects.toMatchObject({ code: "siret_taken", status: 409 });

    const again = await Promise.allSettled([setup.engine.createOrganisation({ name: "Association A", siret: validSiret(901), territoryCode: "63" }), setup.engine.createOrganisation({ name: "Association B", siret: validSiret(901), territoryCode: "63" })]);
    expect(again.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((again.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "siret_taken" });
  });

  it("keeps an owner when two owners remove each other at once", async () => {
    for (let round = 0; round < 3; round++) {
      const first = await person();
      const { organisation } = await create(first, validSiret(910 + round));
      const second = await person(organisation.id, "owner");
      const owner1 = { ...first, organisationId: organisation.id, organisationRole: "owner" as const, territoryCode: "63" };
      const results = await Promise.allSettled([removeMember(deps(), owner1, organisation.id, second.id), removeMember(deps(), second, organisation.id, first.id)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await countOwners(database.db.kysely, organisation.id)).toBe(1);
    }
  });

  it("records one pending request when an account asks twice at once", async () => {
    await person(setup.orgA.id, "owner");
    await person(setup.orgB.id, "owner");
    const asker = await person();
    const results = await Promise.allSettled([
      requestToJoin(deps(), asker, setup.orgA.id, "premier", "http://localhost"),
      requestToJoin(deps(), asker, setup.orgB.id, "second", "http://localhost"),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const pending = await database.db.kysely.selectFrom("join_requests").selectAll().where("account_id", "=", asker.id).where("status", "=", "pending").execute();
    expect(pending).toHaveLength(1);
  });

  it("lists members owners first, owners' addresses without disabled accounts, requests with who asked, the history with names", async () => {
    const founder = await person();
    const { organisation } = await create(founder, validSiret(920));
    const member = await person(organisation.id, "member");
    const disabledOwner = await person(organisation.id, "owner");
    await database.db.kysely.updateTable("accounts").set({ status: "disabled" }).where("id", "=", disabledOwner.id).execute();
    expect((await listMembers(database.db.kysely, organisation.id)).map((m) => [m.id, m.organisation_role])).toEqual([
      [founder.id, "owner"], [disabledOwner.id, "owner"], [member.id, "member"],
    ]);
    expect(await ownerEmails(database.db.kysely, organisation.id)).toEqual([founder.email]);
    const asker = await person();
    const { id } = await requestToJoin(deps(), asker, organisation.id, undefined, "http://localhost");
    expect(await pendingJoinRequests(database.db.kysely, organisation.id)).toEqual([expect.objectContaining({ id, account_id: asker.id, display_name: asker.displayName, email: asker.email, message: null })]);
    const outbox = await database.db.kysely.selectFrom("outbox").select(["recipient", "kind"]).where("kind", "=", "organisation_join_request").where("recipient", "in", [founder.email, disabledOwner.email]).execute();
    expect(outbox).toEqual([{ recipient: founder.email, kind: "organisation_join_request" }]);

    const actor = { id: founder.id, role: "manager" as const, organisationId: organisation.id };
    const { dossier } = await setup.engine.createDraft({ procedureId: setup.procedureId, organisationId: organisation.id }, actor);
    await setup.engine.saveDraft(dossier.id, {}, { ...actor, id: member.id }, 1);
    const events = await auditEventsWithNames(database.db.kysely, dossier.id);
    expect(events.slice(0, 2).map((e) => [e.event, e.actor_name])).toEqual([["CREATE", founder.displayName], ["SAVE", member.displayName]]);
  });

  it("hands over atomically: exactly one of two concurrent hand-overs by the same owner wins", async () => {
    const founder = await person();
    const { organisation } = await create(founder, validSiret(930));
    const [a, b] = [await person(organisation.id), await person(organisation.id)];
    const owner = { ...founder, organisationId: organisation.id, organisationRole: "owner" as const, territoryCode: "63" };
    const results = await Promise.allSettled([handOver(deps(), owner, organisation.id, a.id), handOver(deps(), owner, organisation.id, b.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await countOwners(database.db.kysely, organisation.id)).toBe(1);
  });

  it("counts active owners only: the last active owner cannot leave beside a disabled one, who may be removed", async () => {
    const founder = await person();
    const { organisation } = await create(founder, validSiret(9501));
    const dormant = await person(organisation.id, "owner");
    await database.db.kysely.updateTable("accounts").set({ status: "disabled" }).where("id", "=", dormant.id).execute();
    expect(await countOwners(database.db.kysely, organisation.id)).toBe(1);
    const self = { ...founder, organisationId: organisation.id, territoryCode: "63", organisationRole: "owner" as const };
    await expect(removeMember(deps(), self, organisation.id, founder.id)).rejects.toThrow(/au moins un propriétaire/);
    await removeMember(deps(), self, organisation.id, dormant.id);
    expect((await listMembers(database.db.kysely, organisation.id)).map((m) => m.id)).toEqual([founder.id]);
  });

  it("refuses a join request to an organisation without an active owner; the requester sees its pending request and withdraws it", async () => {
    const orphan = { id: `orphan-${kind.name}`, name: "Organisation sans responsable", siret: null, legal_status: null, territory_code: "63", created_at: "2026-06-01T08:00:00.000Z" };
    await insertOrganisation(database.db.kysely, orphan);
    const asker = await person();
    await expect(requestToJoin(deps(), asker, orphan.id, undefined, "http://localhost")).rejects.toMatchObject({ code: "input", message: expect.stringMatching(/n'a pas encore de responsable/) });
    expect(await ownJoinRequest(deps(), asker)).toBeNull();

    const founder = await person();
    const { organisation } = await create(founder, validSiret(9401));
    const { id } = await requestToJoin(deps(), asker, organisation.id, "bonjour", "http://localhost");
    expect(await ownJoinRequest(deps(), asker)).toEqual({ id, organisationId: organisation.id, organisationName: organisation.name, createdAt: expect.any(String) });
    const stranger = await person();
    await expect(withdrawJoinRequest(deps(), stranger, id)).rejects.toMatchObject({ code: "not_found" });
    await withdrawJoinRequest(deps(), asker, id);
    await expect(withdrawJoinRequest(deps(), asker, id)).rejects.toMatchObject({ code: "wrong_state" });
    expect(await ownJoinRequest(deps(), asker)).toBeNull();
    expect((await database.db.kysely.selectFrom("join_requests").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("cancelled");
    expect(await pendingJoinRequests(database.db.kysely, organisation.id)).toEqual([]);
  });
});
