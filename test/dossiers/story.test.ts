/**
 * The full story of an AVIP dossier on each database, driven by an injected
 * clock: draft → submitted → instruction ⇄ complements → committee (places per
 * structure, a derogation) → labelled one year → annual report → renewed for
 * two years, starting the day after → reports, one late → evaluation → label
 * maintained with adjusted funding; with timers, cycles and the audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Refusal } from "../../server/engine/decide-transition";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { completeApplication, ownAttachments, setupEngine } from "../helpers/engine-setup";
import { annualReport, labelDecision } from "../helpers/avip";

describe.each(DATABASES)("full dossier story on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("goes from draft to a label maintained after evaluation, with timers, cycles and an intact audit chain", async () => {
    const { engine, clock, actors, orgA, procedureId } = await setupEngine(database.db);
    const application = await completeApplication();
    application.commitments.avipChildrenPerYear = 3; // below the 20 % rule: needs a derogation
    application.derogation = { requested: true, argument: "Montée en charge progressive : 3 enfants la première année, 4 ensuite, avec le CCAS." };

    // Draft: saved incomplete, with field errors; then complete.
    const created = await engine.createDraft({ procedureId, organisationId: orgA.id, data: { manager: application.manager } }, actors.manager);
    expect(created.dossier.state).toBe("draft");
    expect(created.fieldErrors.some((e) => e.pointer === "/facilities")).toBe(true);
    const id = created.dossier.id;
    // The job description the form asks for is uploaded to the dossier first: a dossier's data names its own files only.
    const jobDescription = await engine.addAttachment(id, { name: "fiche-de-poste.pdf", bytes: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") }, actors.manager);
    application.referent.jobDescription = jobDescription.id;
    const saved = await engine.saveDraft(id, application, actors.manager, created.dossier.version + 1);
    expect(saved.fieldErrors).toEqual([]);
    expect(saved.dossier.computed.minimumAvipChildren).toBe(4);
    expect(saved.dossier.ruleResults.find((r) => r.name === "minimumAvipShare")?.status).toBe("fail");

    // Submitted before the deadline: the derogable rule is waived by the derogation request.
    const submitted = await engine.submit(id, actors.manager);
    expect(submitted.dossier.state).toBe("submitted");
    expect(submitted.dossier.submittedAt).toBe(clock.now.toISOString());

    await engine.send(id, "START_INSTRUCTION", { caseNumber: "AVIP-63-2026-001" }, actors.instructor);
    clock.set("2026-06-10T09:00:00Z");
    const asked = await engine.send(id, "REQUEST_COMPLEMENTS", { message: "Merci de joindre la convention avec le CCAS." }, actors.instructor);
    expect(asked.dossier.state).toBe("awaiting_complements");
    const scheduled = (await engine.timers(id, actors.instructor)).filter((t) => t.status === "scheduled");
    expect(scheduled).toEqual([expect.objectContaining({ event: "COMPLEMENTS_OVERDUE", due_at: "2026-07-10T09:00:00.000Z" })]);

    application.comments = "Convention CCAS signée le 12 juin.";
    await engine.saveDraft(id, application, actors.manager);
    clock.set("2026-06-15T09:00:00Z");
    await engine.send(id, "ANSWER_COMPLEMENTS", { answer: "Convention jointe, signée le 12 juin." }, actors.manager);
    expect((await engine.timers(id, actors.instructor)).find((t) => t.event === "COMPLEMENTS_OVERDUE")?.status).toBe("cancelled");
    await engine.send(id, "REFER_TO_COMMITTEE", { opinion: "Favorable avec réserves", summary: "Projet solide, montée en charge à suivre." }, actors.instructor);

    // The committee labels the crèche's 5 places with a derogation (flexibility), validating the referent's figures.
    clock.set("2026-09-20T14:00:00Z");
    const decision = labelDecision(application, { startDate: "2026-10-01", derogation: { granted: true, kind: "flexibility", reason: "Montée en charge sur deux ans acceptée." } });
    const labelled = await engine.send(id, "GRANT_LABEL", decision, actors.committee);
    expect(labelled.dossier.state).toBe("labelled.year_running");
    expect(labelled.dossier.facts.labelDecision).toEqual(decision);
    expect(labelled.dossier.computed).toMatchObject({ labelledPlaces: 5, referentAid: 2000, firstYearFunding: 14500 });
    const labelTimers = (await engine.timers(id, actors.committee)).filter((t) => t.status === "scheduled");
    expect(labelTimers.map((t) => [t.event, t.due_at]).sort()).toEqual([
      ["LABEL_EXPIRED", "2027-09-30T22:00:00.000Z"],
      ["REPORT_OVERDUE", "2027-03-31T22:00:00.000Z"],
    ]);
    let cycles = await engine.cycles(id, actors.committee);
    expect(cycles).toEqual([expect.objectContaining({ year_index: 1, starts_on: "2026-10-01", funding: 14500, outcome: "open", report_due_at: "2027-03-31T22:00:00.000Z" })]);

    // Annual report filed during the label year: the label still ends one year after its start.
    clock.set("2027-02-15T10:00:00Z");
    expect((await engine.send(id, "FILE_REPORT", annualReport(2026), actors.manager)).dossier.state).toBe("labelled.report_filed");
    expect((await engine.timers(id, actors.committee)).find((t) => t.event === "REPORT_OVERDUE")?.status).toBe("cancelled");
    // The renewal's start is computed: a start typed by the committee is refused by the form.
    clock.set("2027-03-10T10:00:00Z");
    const typed = await engine.send(id, "RENEW", { ...labelDecision(application), startDate: "2027-04-15" }, actors.committee).catch((e: unknown) => e);
    expect(typed).toMatchObject({ code: "input" });
    const { startDate: _s, derogation: _d, ...renewal } = labelDecision(application);
    const renewed = await engine.send(id, "RENEW", { ...renewal, assessment: "Bilan positif." }, actors.committee);
    expect(renewed.dossier.state).toBe("renewed");
    const afterRenewal = await engine.timers(id, actors.committee);
    expect(afterRenewal.find((t) => t.event === "LABEL_EXPIRED")?.status).toBe("cancelled");
    expect(afterRenewal.filter((t) => t.status === "scheduled").map((t) => [t.event, t.due_at]).sort()).toEqual([
      ["EVALUATION_DUE", "2029-09-30T22:00:00.000Z"],
      ["REPORT_OVERDUE", "2028-03-31T22:00:00.000Z"],
      ["REPORT_OVERDUE", "2029-03-31T22:00:00.000Z"],
    ]);
    cycles = await engine.cycles(id, actors.committee);
    expect(cycles.map((c) => [c.year_index, c.starts_on, c.funding, c.outcome])).toEqual([
      [1, "2026-10-01", 14500, "reported"],
      [2, "2027-10-01", 7000, "open"],
      [3, "2028-10-01", 7000, "open"],
    ]);

    // Renewal year 1: report on time. Year 2: late, marked overdue by its own timer, then filed.
    clock.set("2028-02-01T10:00:00Z");
    expect((await engine.send(id, "FILE_REPORT", annualReport(2027), actors.manager)).dossier.state).toBe("renewed");
    expect((await engine.fireDueTimers()).fired).toBe(0);
    clock.set("2029-04-02T06:00:00Z");
    expect(await engine.fireDueTimers()).toEqual({ fired: 1, failed: 0, retried: 0 });
    expect((await engine.cycles(id, actors.manager))[2]?.outcome).toBe("overdue");
    await engine.send(id, "FILE_REPORT", annualReport(2028), actors.manager);
    expect((await engine.cycles(id, actors.manager))[2]?.outcome).toBe("reported");

    // Three years of label: evaluation, then maintained with adjusted funding for a new period, the day after.
    clock.set("2029-10-02T06:00:00Z");
    expect((await engine.fireDueTimers()).fired).toBe(1);
    expect((await engine.getDossier(id, actors.committee)).state).toBe("evaluation");
    const adjusted = await engine.send(id, "ADJUST", {
      ...renewal, facilities: [{ ...renewal.facilities[0]!, places: 4 }], labelledPlaces: 4, aidPerPlace: 800, assessment: "Résultats en deçà des engagements : 4 places.",
    }, actors.committee);
    expect(adjusted.dossier.state).toBe("renewed");
    expect(adjusted.dossier.computed).toMatchObject({ labelledPlaces: 4, renewalYearPlacesAid: 3200 });
    cycles = await engine.cycles(id, actors.committee);
    expect(cycles).toHaveLength(5);
    expect(cycles[3]).toMatchObject({ year_index: 4, starts_on: "2029-10-01", funding: 3200 });
    expect(cycles[4]).toMatchObject({ year_index: 5, starts_on: "2030-10-01", funding: 3200 });

    // The history tells the whole story, and the chain holds.
    const history = await engine.history(id, actors.manager);
    expect(history.map((e) => e.event)).toEqual([
      "CREATE", "ATTACH", "SAVE", "SUBMIT", "START_INSTRUCTION", "REQUEST_COMPLEMENTS", "SAVE", "ANSWER_COMPLEMENTS", "REFER_TO_COMMITTEE",
      "GRANT_LABEL", "FILE_REPORT", "RENEW", "FILE_REPORT", "REPORT_OVERDUE", "FILE_REPORT", "EVALUATION_DUE", "ADJUST",
    ]);
    expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
    expect(history.find((e) => e.event === "REPORT_OVERDUE")).toMatchObject({ actor_id: "system", actor_role: "system", from_state: "renewed", to_state: "renewed" });
    expect(await engine.verifyAudit()).toEqual({ dossiers: 1, events: history.length, broken: [] });
  });

  it("refuses a submission after the deadline, saying which deadline", async () => {
    const { engine, clock, actors, orgA, procedureId } = await setupEngine(database.db);
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication() }, actors.manager);
    const owned = await ownAttachments(engine, dossier.id, actors.manager);
    clock.set("2026-09-11T22:00:00Z");
    const refusal = await engine.submit(dossier.id, actors.manager).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Refusal);
    expect(refusal).toMatchObject({ code: "guard" });
    expect((refusal as Refusal).reasons).toEqual([expect.objectContaining({ code: "deadline", message: expect.stringContaining("Date limite de candidature dépassée (11 septembre 2026") })]);
    expect((await engine.getDossier(dossier.id, actors.manager))).toMatchObject({ state: "draft", version: owned.version });
  });

  it("accepts a submission until the end of the deadline's last second (23:59:59.5 on 11 September)", async () => {
    const { engine, clock, actors, orgA, procedureId } = await setupEngine(database.db);
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication() }, actors.manager);
    await ownAttachments(engine, dossier.id, actors.manager);
    clock.set("2026-09-11T21:59:59.500Z");
    expect((await engine.submit(dossier.id, actors.manager)).dossier.state).toBe("submitted");
  });
});
