/**
 * One selection for sending and for listing (select-transition.ts): with the
 * Cantal test package, whose ASSESS has two guarded alternatives to
 * different states, an action is listed available exactly when sending it
 * succeeds, with the same reasons when it does not; refusals say each
 * reason once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dedupeReasons } from "../../workflows/guards";
import { compileProcedure } from "../../server/engine/compile-procedure";
import { decideTransition, Refusal } from "../../server/engine/decide-transition";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { ownAttachments, setupEngine } from "../helpers/engine-setup";
import { CANTAL_PACKAGE_DIR, cantalApplication, loadVariant } from "../helpers/variants";

describe.each(DATABASES)("listing and sending agree on $name", (kind) => {
  let database: TestDatabase;
  let setup: Awaited<ReturnType<typeof setupEngine>>;
  beforeAll(async () => {
    database = await kind.create();
    setup = await setupEngine(database.db, { dir: CANTAL_PACKAGE_DIR, territory: "15" });
  });
  afterAll(async () => { await database.cleanup(); });

  it("try every guarded alternative in order, for the same people", async () => {
    const { engine, actors, orgA, procedureId } = setup;
    const outcomes: Record<number, string> = {};
    for (const members of [40, 8, 2]) {
      const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: cantalApplication(members) }, actors.manager);
      await ownAttachments(engine, dossier.id, actors.manager);
      await engine.submit(dossier.id, actors.manager);

      expect((await engine.openTransitions(dossier.id, actors.manager)).items.map((i) => i.event)).toEqual(["WITHDRAW"]);
      expect(await engine.send(dossier.id, "ASSESS", {}, actors.manager).catch((e: Refusal) => e.code)).toBe("role");

      const listed = (await engine.openTransitions(dossier.id, actors.instructor)).items;
      expect(listed.map((i) => i.event)).toEqual(["ASSESS"]);
      const sent = await engine.send(dossier.id, "ASSESS", {}, actors.instructor).then((r) => r.dossier.state, (e: Refusal) => e);
      expect(listed[0]!.available).toBe(typeof sent === "string");
      if (typeof sent !== "string") {
        expect(sent).toMatchObject({ code: "guard", message: "Les conditions de l'action « Orienter la demande » ne sont pas remplies." });
        expect(listed[0]!.reasons).toEqual(sent.reasons);
      }
      outcomes[members] = typeof sent === "string" ? sent : sent.reasons.map((r) => r.message).join(" ");
    }
    // The first alternative that passes wins; when none does, the first one's reasons are given.
    expect(outcomes).toEqual({
      40: "fast_track",
      8: "committee_review",
      2: "Condition non remplie : Association d'au moins 20 adhérents.",
    });
  });
});

describe("refusal reasons", () => {
  it("say each failing rule once, its pointers merged, and each other reason once", async () => {
    const result = await loadVariant(CANTAL_PACKAGE_DIR, {
      "lifecycle.machine.json": (doc) => {
        doc.states.committee_review.on.GRANT.guard = { type: "all", params: { guards: [
          { type: "rule", params: { name: "membersMinimum" } },
          { type: "rulesPass", params: { severity: "warning" } },
          { type: "computed", params: { name: "largeAssociation" } },
          { type: "computed", params: { name: "largeAssociation" } },
        ] } };
      },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const procedure = compileProcedure(result.pkg);
    const dossier = { state: "committee_review", data: cantalApplication(8), facts: {} };
    const refusal = (() => {
      try {
        decideTransition(procedure, dossier, "GRANT", { startDate: "2027-03-01", derogation: false }, { id: "c", role: "committee" }, new Date("2027-02-01T00:00:00Z"));
      } catch (error) {
        return error as Refusal;
      }
      throw new Error("accepted");
    })();
    expect(refusal.reasons).toEqual([
      { code: "rule", rule: "membersMinimum", message: "L'association compte 8 adhérent(s) ; il en faut au moins 10.", pointers: ["/members"] },
      { code: "computed", message: "Condition non remplie : Association d'au moins 20 adhérents." },
    ]);
  });

  it("merge the pointers of identical messages", () => {
    expect(dedupeReasons([
      { code: "field", message: "requis", pointers: ["/a"] },
      { code: "rule", rule: "r", message: "R", pointers: ["/x"] },
      { code: "field", message: "requis", pointers: ["/b", "/a"] },
      { code: "rule", rule: "r", message: "R", pointers: ["/y"] },
      { code: "deadline", message: "Dépassée." },
      { code: "deadline", message: "Dépassée." },
    ])).toEqual([
      { code: "field", message: "requis", pointers: ["/a", "/b"] },
      { code: "rule", rule: "r", message: "R", pointers: ["/x", "/y"] },
      { code: "deadline", message: "Dépassée." },
    ]);
  });
});
