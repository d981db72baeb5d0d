/**
 * Open dossiers of the previous default package (before the AVIP package was
 * put to the letter of the call) move to the new one: states that no longer
 * exist are mapped by the package's `migration`, the timers are planned anew
 * (the label's end from its period, one overdue timer per open cycle), and
 * the data, facts and cycles are kept as they were.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { readPackageDir } from "../../server/config/read-package-dir";
import { migrateOnStart } from "../../server/dossiers/migrate-on-start";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { completeApplication, setupEngine } from "../helpers/engine-setup";
import { annualReport } from "../helpers/avip";
import { DEFAULT_PACKAGE_DIR, PREVIOUS_DEFAULT_PACKAGE_DIR } from "../helpers/packages";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

describe.each(DATABASES)("migrating the previous default package's dossiers on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("moves every open dossier, maps the renewed sub-states and plans the new timers", async () => {
    const setup = await setupEngine(database.db, { dir: PREVIOUS_DEFAULT_PACKAGE_DIR });
    const { engine, clock, actors, orgA, procedureId } = setup;
    async function dossier(): Promise<string> {
      const { dossier: d } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication(PREVIOUS_DEFAULT_PACKAGE_DIR) }, actors.manager);
      const attachment = await engine.addAttachment(d.id, { name: "fiche-de-poste.pdf", bytes: PDF }, actors.manager);
      const data = await completeApplication(PREVIOUS_DEFAULT_PACKAGE_DIR);
      data.referent.jobDescription = attachment.id;
      await engine.saveDraft(d.id, data, actors.manager);
      return d.id;
    }
    async function labelled(startDate: string): Promise<string> {
      const id = await dossier();
      await engine.submit(id, actors.manager);
      await engine.send(id, "START_INSTRUCTION", { caseNumber: `M-${id.slice(-4)}` }, actors.instructor);
      await engine.send(id, "REFER_TO_COMMITTEE", { opinion: "Favorable", summary: "Dossier complet et conforme." }, actors.instructor);
      await engine.send(id, "GRANT_LABEL", { labelledPlaces: 5, startDate, derogation: { granted: false } }, actors.committee);
      return id;
    }
    clock.set("2026-06-01T08:00:00Z");
    const draft = await dossier();
    const submitted = await dossier();
    await engine.submit(submitted, actors.manager);
    const awaitingComplements = await dossier();
    await engine.submit(awaitingComplements, actors.manager);
    const reportFiled = await labelled("2026-10-01");
    const renewedFirstYear = await labelled("2026-10-01");
    const reportOverdue = await labelled("2026-10-01");
    const periodEnded = await labelled("2027-01-01");
    clock.set("2027-02-15T10:00:00Z");
    await engine.send(reportFiled, "FILE_REPORT", annualReport(2026), actors.manager);
    await engine.send(renewedFirstYear, "FILE_REPORT", annualReport(2026), actors.manager);
    await engine.send(renewedFirstYear, "RENEW", { startDate: "2027-10-01", labelledPlaces: 5, assessment: "Bilan positif." }, actors.committee);
    clock.set("2027-04-02T10:00:00Z");
    await engine.fireDueTimers(); // the previous version marks the report late, and drops the label's end (the defect)
    clock.set("2028-01-02T10:00:00Z");
    await engine.fireDueTimers();
    await engine.send(awaitingComplements, "START_INSTRUCTION", { caseNumber: "M-complements" }, actors.instructor);
    await engine.send(awaitingComplements, "REQUEST_COMPLEMENTS", { message: "Merci de joindre la convention avec le CCAS." }, actors.instructor);
    const ids = [draft, submitted, reportFiled, renewedFirstYear, reportOverdue, periodEnded, awaitingComplements];
    const before = new Map(await Promise.all(ids.map(async (id) => [id, {
      dossier: await engine.getDossier(id, actors.admin), cycles: await engine.cycles(id, actors.admin),
    }] as const)));
    expect([...before.values()].map((b) => b.dossier.state)).toEqual(["draft", "submitted", "labelled.report_filed", "renewed.first_year", "labelled.report_overdue", "labelled.period_ended", "awaiting_complements"]);

    const next = await engine.publish(await readPackageDir(DEFAULT_PACKAGE_DIR), "admin-1");
    const report = await engine.migrateOpenDossiers(procedureId, next.versionId, actors.admin);
    expect(report).toMatchObject({ moved: 7, kept: 0 });
    expect(report.dossiers.find((d) => d.dossierId === renewedFirstYear)?.notes).toEqual([expect.stringContaining("renewed.first_year")]);
    // Decisions of the previous version give a total, not places per structure: no rule fails for that.
    for (const id of [reportFiled, reportOverdue, periodEnded]) expect(report.dossiers.find((d) => d.dossierId === id)?.notes).toEqual([]);

    for (const [id, { dossier, cycles }] of before) {
      const after = await engine.getDossier(id, actors.admin);
      expect(after.versionId).toBe(next.versionId);
      expect(after.data).toEqual(dossier.data);
      expect(after.facts).toEqual(dossier.facts);
      expect(after.computed.labelledPlaces).toBe(dossier.computed.labelledPlaces);
      expect((await engine.cycles(id, actors.admin)).map((c) => [c.starts_on, c.report_filed_at, c.funding])).toEqual(cycles.map((c) => [c.starts_on, c.report_filed_at, c.funding]));
    }
    expect((await engine.getDossier(renewedFirstYear, actors.admin)).state).toBe("renewed");
    const scheduled = async (id: string) => (await engine.timers(id, actors.admin)).filter((t) => t.status === "scheduled").map((t) => [t.event, t.due_at]).sort();
    expect(await scheduled(reportFiled)).toEqual([["LABEL_EXPIRED", "2027-09-30T22:00:00.000Z"]]);
    expect(await scheduled(renewedFirstYear)).toEqual([
      ["EVALUATION_DUE", "2029-09-30T22:00:00.000Z"],
      ["REPORT_OVERDUE", "2028-03-31T22:00:00.000Z"],
      ["REPORT_OVERDUE", "2029-03-31T22:00:00.000Z"],
    ]);
    // The label year that ended under the previous version does not end again; its report keeps its own timer.
    expect(await scheduled(periodEnded)).toEqual([["REPORT_OVERDUE", "2028-03-31T22:00:00.000Z"]]);
    // A timer from the state's entry keeps its date: the entry is read from the history.
    expect(await scheduled(awaitingComplements)).toEqual([["COMPLEMENTS_OVERDUE", "2028-02-01T10:00:00.000Z"]]);
    // The label years the previous version left running forever end now, and no timer fails.
    expect(await engine.fireDueTimers()).toMatchObject({ failed: 0 });
    expect((await engine.getDossier(reportFiled, actors.admin)).state).toBe("labelled.period_ended_report_filed");
    expect((await engine.getDossier(reportOverdue, actors.admin)).state).toBe("labelled.period_ended_report_overdue");
    expect((await engine.getDossier(periodEnded, actors.admin)).state).toBe("labelled.period_ended");
    expect((await engine.timers(periodEnded, actors.admin)).filter((t) => t.status === "failed")).toEqual([]);
    expect((await engine.verifyAudit()).broken).toEqual([]);
  });

  it("migrates at start-up outside production when the embedded package changed, and only hints in production", async () => {
    const own = await kind.create(); // a database where the new version is not published yet
    onTestFinished(() => own.cleanup());
    const setup = await setupEngine(own.db, { dir: PREVIOUS_DEFAULT_PACKAGE_DIR });
    const { engine, actors, orgA, procedureId } = setup;
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication(PREVIOUS_DEFAULT_PACKAGE_DIR) }, actors.manager);
    const next = await engine.publish(await readPackageDir(DEFAULT_PACKAGE_DIR), "system");
    const hint = await migrateOnStart(engine, own.db, next, true);
    expect(hint).toMatchObject({ report: null, lines: [expect.stringContaining("un administrateur peut les migrer")] });
    expect((await engine.getDossier(dossier.id, actors.admin)).versionId).not.toBe(next.versionId);
    const started = await migrateOnStart(engine, own.db, next, false);
    expect(started.report?.dossiers.find((d) => d.dossierId === dossier.id)).toMatchObject({ moved: true });
    expect(started.lines[0]).toMatch(/dossier\(s\) ouvert\(s\) migré\(s\)/);
    expect((await engine.getDossier(dossier.id, actors.admin)).versionId).toBe(next.versionId);
    // The same package published again is not a new version: nothing to do.
    expect(await migrateOnStart(engine, own.db, await engine.publish(await readPackageDir(DEFAULT_PACKAGE_DIR), "system"), false)).toEqual({ report: null, lines: [] });
  });
});
