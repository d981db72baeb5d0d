/**
 * The second test package (another territory, 25 %, other amounts, an extra
 * field and an extra state) runs its own story through the same engine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { completeApplication, ownAttachments, setupEngine } from "../helpers/engine-setup";
import { FIXTURE_PACKAGE_DIR } from "../helpers/packages";

describe.each(DATABASES)("second package on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("goes through admissibility, labelling and renewal with its own rules and amounts", async () => {
    const { engine, clock, actors, orgA, procedureId } = await setupEngine(database.db, { dir: FIXTURE_PACKAGE_DIR, territory: "03" });
    expect(procedureId).toBe("accueil-insertion-allier");
    const data = await completeApplication(FIXTURE_PACKAGE_DIR);
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data }, actors.manager);
    expect(dossier.computed.minimumAvipChildren).toBe(5);

    // Its deadline is later than the default package's.
    clock.set("2027-01-15T10:00:00Z");
    await ownAttachments(engine, dossier.id, actors.manager);
    await engine.submit(dossier.id, actors.manager);
    const checking = await engine.send(dossier.id, "START_INSTRUCTION", { caseNumber: "ALLIER-1" }, actors.instructor);
    expect(checking.dossier).toMatchObject({ state: "admissibility_check", stateLabel: "Vérification de la recevabilité" });
    await engine.send(dossier.id, "DECLARE_ADMISSIBLE", { complete: true }, actors.instructor);
    await engine.send(dossier.id, "REFER_TO_COMMITTEE", { opinion: "Favorable", summary: "Dossier recevable et complet." }, actors.instructor);
    const labelled = await engine.send(dossier.id, "GRANT_LABEL", { labelledPlaces: 10, startDate: "2027-02-01", derogation: { granted: false } }, actors.committee);
    expect(labelled.dossier.state).toBe("labelled.year_running");
    // 3 000 € × 10 places + referent aid (0.1 FTE, 4 000 € → 2 000 €).
    expect((await engine.cycles(dossier.id, actors.committee))[0]).toMatchObject({ funding: 32000, report_due_at: "2028-03-31T22:00:00.000Z" });

    clock.set("2028-01-10T10:00:00Z");
    await engine.send(dossier.id, "FILE_REPORT", {
      year: 2027, childrenWelcomed: 7, hoursDelivered: 4000,
      parentOutcomes: { employment: 3, training: 2, socialSupport: 1, republicanIntegration: 1 },
      priorityPublics: { singleParents: 2, qpvResidents: 0, zrrResidents: 5 }, followUpsHeld: 14, questionnaireCompleted: true,
    }, actors.manager);
    await engine.send(dossier.id, "RENEW", { startDate: "2028-02-01", labelledPlaces: 10 }, actors.committee);
    const cycles = await engine.cycles(dossier.id, actors.committee);
    expect(cycles.map((c) => c.funding)).toEqual([32000, 14000, 14000]);
    expect((await engine.verifyAudit()).broken).toEqual([]);
  });

  it("refuses an inadmissible dossier through its extra state", async () => {
    const { engine, actors, orgA, procedureId } = await setupEngine(database.db, { dir: FIXTURE_PACKAGE_DIR, territory: "03" });
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication(FIXTURE_PACKAGE_DIR) }, actors.manager);
    await ownAttachments(engine, dossier.id, actors.manager);
    await engine.submit(dossier.id, actors.manager);
    await engine.send(dossier.id, "START_INSTRUCTION", { caseNumber: "ALLIER-2" }, actors.instructor);
    const refused = await engine.send(dossier.id, "DECLARE_INADMISSIBLE", { reason: "Établissement hors du département de l'Allier." }, actors.instructor);
    expect(refused.dossier).toMatchObject({ state: "refused", final: true });
  });
});
