/**
 * Listing dossiers: filters by state (a parent state matches its children),
 * organisation and accent-insensitive text, keyset pagination, counts per
 * state; a manager only sees their organisation's dossiers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelDecision } from "../helpers/avip";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { completeApplication, ownAttachments, setupEngine } from "../helpers/engine-setup";

describe.each(DATABASES)("listing dossiers on $name", (kind) => {
  let database: TestDatabase;
  let setup: Awaited<ReturnType<typeof setupEngine>>;
  const created: string[] = [];

  beforeAll(async () => {
    database = await kind.create();
    setup = await setupEngine(database.db);
    const { engine, actors, orgA, orgB, procedureId } = setup;
    const base = await completeApplication();
    const towns = ["Thiers", "Issoire", "Riom", "Ambert", "Clermont-Ferrand", "Cébazat", "Thiers"];
    for (const [i, town] of towns.entries()) {
      const data = structuredClone(base);
      data.facilities[0].town = town;
      data.facilities[0].name = `Crèche n° ${i}`;
      const org = i % 3 === 2 ? orgB : orgA;
      const manager = org === orgA ? actors.manager : { ...actors.otherManager };
      const { dossier } = await engine.createDraft({ procedureId, organisationId: org.id, data }, manager);
      created.push(dossier.id);
      if (i >= 2) {
        await ownAttachments(engine, dossier.id, manager);
        await engine.submit(dossier.id, manager);
      }
      if (i >= 4) await engine.send(dossier.id, "START_INSTRUCTION", { caseNumber: `L-${i}` }, actors.instructor);
      if (i >= 5) {
        await engine.send(dossier.id, "REFER_TO_COMMITTEE", { opinion: "Favorable", summary: "Dossier complet et conforme." }, actors.instructor);
        await engine.send(dossier.id, "GRANT_LABEL", labelDecision(data), actors.committee);
      }
    }
  });
  afterAll(async () => { await database.cleanup(); });

  it("counts per state and filters by state, including a parent state", async () => {
    const page = await setup.engine.list({ procedureId: setup.procedureId }, setup.actors.instructor);
    expect(page.countsByState).toEqual({ draft: 2, submitted: 2, under_review: 1, "labelled.year_running": 2 });
    const labelled = await setup.engine.list({ procedureId: setup.procedureId, state: "labelled" }, setup.actors.instructor);
    expect(labelled.items.map((d) => d.id).sort()).toEqual([created[5], created[6]].sort());
    expect(labelled.countsByState).toEqual(page.countsByState);
  });

  it("searches text without accents or case, on the package's search fields", async () => {
    const found = await setup.engine.list({ procedureId: setup.procedureId, text: "CEBAZAT" }, setup.actors.instructor);
    expect(found.items.map((d) => d.id)).toEqual([created[5]]);
    expect((await setup.engine.list({ text: "issoire" }, setup.actors.instructor)).items.map((d) => d.id)).toEqual([created[1]]);
    expect((await setup.engine.list({ text: "commune de thiers" }, setup.actors.instructor)).items).toHaveLength(7);
    expect((await setup.engine.list({ procedureId: setup.procedureId, text: "crèche n° 3", state: "submitted" }, setup.actors.instructor)).items.map((d) => d.id)).toEqual([created[3]]);
    await expect(setup.engine.list({ state: "submitted" }, setup.actors.instructor)).rejects.toMatchObject({ code: "input" });
    expect((await setup.engine.list({ text: "100%_" }, setup.actors.instructor)).items).toHaveLength(0);
  });

  it("pages with a keyset cursor, newest first, without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await setup.engine.list({ procedureId: setup.procedureId, limit: 3, ...(after ? { after } : {}) }, setup.actors.instructor);
      seen.push(...page.items.map((d) => d.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(seen).toEqual([...created].reverse());
  });

  it("shows a manager only their organisation's dossiers", async () => {
    await expect(setup.engine.list({ organisationId: setup.orgB.id }, setup.actors.manager)).rejects.toMatchObject({ code: "forbidden" });
    const mine = await setup.engine.list({}, setup.actors.manager);
    expect(mine.items.every((d) => d.organisationId === setup.orgA.id)).toBe(true);
    expect(mine.items).toHaveLength(5);
    expect(Object.values(mine.countsByState).reduce((a, b) => a + b, 0)).toBe(5);
  });
});
