/**
 * The full story of a dossier on each database, driven by an injected clock:
 * draft → submitted → instruction ⇄ complements → committee (7 places, with a
 * derogation) → labelled → annual report → renewed for two years → reports,
 * one late → evaluation → renewed again; with timers, cycles and audit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Refusal } from "../../server/engine/decide-transition";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { completeApplication, ownAttachments, setupEngine } from "../helpers/engine-setup";

const report = (year: number) => ({
  year, childrenWelcomed: 6, hoursDelivered: 3200,
  parentOutcomes: { employment: 2, training: 1, socialSupport: 2, republicanIntegration: 1 },
  priorityPublics: { singleParents: 3, qpvResidents: 4, zrrResidents: 0 },
  followUpsHeld: 12, questionnaireCompleted: true,
});

describe.each(DATABASES)("full dossier story on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("goes from draft to a second renewal, with timers, cycles and an intact audit chain", async () => {
    const { engine, clock, actors, orgA, procedureId } = await setupEngine(database.db);
    const application = await completeApplication();
    application.commitments.avipChildrenPerYear = 3; // below the 20 % rule: needs a derogation
    application.derogation = { requested: true, argument: "Montée en charge progressive : 3 enfants la première année, 4 ensuite, avec le CCAS." };

    // Draft: saved incomplete, with field errors; then complete.
    const created = await engine.createDraft({ procedureId, organisationId: orgA.id, data: { manager: application.manager } }, actors.manager);
    expect(created.dossier.state).toBe("draft");
    expect(created.fieldErrors.some((e) => e.pointer === "/facilities")).toBe(true);
    const id = created.dossier.id;
    const saved = await engine.saveDraft(id, application, actors.manager, created.dossier.version);
    expect(saved.fieldErrors).toEqual([]);
    expect(saved.dossier.computed.minimumAvipChildren).toBe(4);
    expect(saved.dossier.ruleResults.find((r) => r.name === "minimumAvipShare")?.status).toBe("fail");

    // Its attachment is its own; submitted before the deadline: the derogable rule is waived by the derogation request.
    Object.assign(application, (await ownAttachments(engine, id, actors.manager)).data);
    const submitted = await engine.submit(id, actors.manager);
    expect(submitted.dossier.state).toBe("submitted");
    expect(submitted.dossier.submittedAt).toBe(clock.now.toISOString());

    await engine.send(id, "START_INSTRUCTION", { caseNumber: "AVIP-63-2026-001" }, actors.instructor);
    clock.set("2026-06-10T09:00:00Z");
    const asked = await engine.send(id, "REQUEST_COMPLEMENTS", { message: "Merci de joindre la convention avec le CCAS." }, actors.instructor);
    expect(asked.dossier.state).toBe("awaiting_complements");
    const scheduled = (await engine.timers(id, actors.instructor)).filter((t) => t.status === "scheduled");
    expect(scheduled).toEqual([expect.objectContaining({ event: "COMPLEMENTS_OVERDUE", due_at: "2026-07-10T09:00:00.000Z" })]);

    // The manager may edit the data while complements are asked, then answers.
    application.comments = "Convention CCAS signée le 12 juin.";
    await engine.saveDraft(id, application, actors.manager);
    clock.set("2026-06-15T09:00:00Z");
    await engine.send(id, "ANSWER_COMPLEMENTS", { answer: "Convention jointe, signée le 12 juin." }, actors.manager);
    expect((await engine.timers(id, actors.instructor)).find((t) => t.event === "COMPLEMENTS_OVERDUE")?.status).toBe("cancelled");
    await engine.send(id, "REFER_TO_COMMITTEE", { opinion: "Favorable avec réserves", summary: "Projet solide, montée en charge à suivre." }, actors.instructor);

    // The committee labels 7 places with a derogation.
    clock.set("2026-09-20T14:00:00Z");
    const decision = { labelledPlaces: 7, startDate: "2026-10-01", derogation: { granted: true, reason: "Montée en charge sur deux ans acceptée." } };
    const labelled = await engine.send(id, "GRANT_LABEL", decision, actors.committee);
    expect(labelled.dossier.state).toBe("labelled.year_running");
    expect(labelled.dossier.facts.labelDecision).toEqual(decision);
    expect(labelled.dossier.computed.labelledPlaces).toBe(7);
    const labelTimers = (await engine.timers(id, actors.committee)).filter((t) => t.status === "scheduled");
    expect(labelTimers.map((t) => [t.event, t.due_at]).sort()).toEqual([
      ["LABEL_EXPIRED", "2027-09-30T22:00:00.000Z"],
      ["REPORT_OVERDUE", "2027-03-31T22:00:00.000Z"],
    ]);
    let cycles = await engine.cycles(id, actors.committee);
    expect(cycles).toEqual([expect.objectContaining({ year_index: 1, opening: 1, starts_on: "2026-10-01", ends_on: "2027-09-30", funding: 19500, outcome: "open", report_due_at: "2027-03-31T22:00:00.000Z" })]);
    // The year's report timer belongs to the year, not to the state.
    expect(labelTimers.find((t) => t.event === "REPORT_OVERDUE")?.cycle_id).toBe(cycles[0]!.id);

    // Annual report, then renewal for two years.
    clock.set("2027-02-15T10:00:00Z");
    await engine.send(id, "FILE_REPORT", report(2026), actors.manager);
    clock.set("2027-03-10T10:00:00Z");
    const renewed = await engine.send(id, "RENEW", { startDate: "2027-10-01", labelledPlaces: 7, assessment: "Bilan positif." }, actors.committee);
    expect(renewed.dossier.state).toBe("renewed.first_year");
    const afterRenewal = await engine.timers(id, actors.committee);
    expect(afterRenewal.find((t) => t.event === "LABEL_EXPIRED")?.status).toBe("cancelled");
    expect(afterRenewal.filter((t) => t.status === "scheduled").map((t) => [t.event, t.due_at]).sort()).toEqual([
      ["EVALUATION_DUE", "2029-09-30T22:00:00.000Z"],
      ["REPORT_OVERDUE", "2028-03-31T22:00:00.000Z"],
      ["REPORT_OVERDUE", "2029-03-31T22:00:00.000Z"],
    ]);
    expect(afterRenewal.find((t) => t.event === "REPORT_OVERDUE" && t.due_at === "2027-03-31T22:00:00.000Z")).toMatchObject({ status: "cancelled", outcome: "bilan déposé" });
    cycles = await engine.cycles(id, actors.committee);
    expect(cycles.map((c) => [c.year_index, c.opening, c.starts_on, c.ends_on, c.funding, c.outcome])).toEqual([
      [1, 1, "2026-10-01", "2027-09-30", 19500, "reported"],
      [2, 2, "2027-10-01", "2028-09-30", 9000, "open"],
      [3, 2, "2028-10-01", "2029-09-30", 9000, "open"],
    ]);

    // Year 2: report on time, acknowledged.
    clock.set("2028-02-01T10:00:00Z");
    await engine.send(id, "FILE_REPORT", report(2027), actors.manager);
    expect((await engine.send(id, "ACKNOWLEDGE_REPORT", {}, actors.instructor)).dossier.state).toBe("renewed.second_year");
    expect((await engine.fireDueTimers()).fired).toBe(0);

    // Year 3: the report is late; the timer marks it overdue.
    clock.set("2029-04-02T06:00:00Z");
    expect(await engine.fireDueTimers()).toEqual({ fired: 1, failed: 0, retried: 0 });
    expect((await engine.getDossier(id, actors.manager)).state).toBe("renewed.second_report_overdue");
    expect((await engine.cycles(id, actors.manager))[2]?.outcome).toBe("overdue");
    await engine.send(id, "FILE_REPORT", report(2028), actors.manager);
    expect((await engine.cycles(id, actors.manager))[2]?.outcome).toBe("reported");

    // Three years of label: evaluation, then renewed again.
    clock.set("2029-10-02T06:00:00Z");
    expect((await engine.fireDueTimers()).fired).toBe(1);
    const evaluation = await engine.getDossier(id, actors.committee);
    expect(evaluation.state).toBe("evaluation");
    expect((await engine.timers(id, actors.committee)).filter((t) => t.status === "scheduled")).toEqual([]);
    const again = await engine.send(id, "RENEW", { startDate: "2029-10-01", labelledPlaces: 10, assessment: "Évaluation favorable." }, actors.committee);
    expect(again.dossier.state).toBe("renewed.first_year");
    expect(again.dossier.computed.labelledPlaces).toBe(10);
    cycles = await engine.cycles(id, actors.committee);
    expect(cycles).toHaveLength(5);
    expect(cycles[3]).toMatchObject({ year_index: 4, starts_on: "2029-10-01", funding: 12000 });

    // The history tells the whole story, and the chain holds.
    const history = await engine.history(id, actors.manager);
    expect(history.map((e) => e.event)).toEqual([
      "CREATE", "SAVE", "ATTACH", "SAVE", "SUBMIT", "START_INSTRUCTION", "REQUEST_COMPLEMENTS", "SAVE", "ANSWER_COMPLEMENTS", "REFER_TO_COMMITTEE",
      "GRANT_LABEL", "FILE_REPORT", "RENEW", "FILE_REPORT", "ACKNOWLEDGE_REPORT", "REPORT_OVERDUE", "FILE_REPORT",
      "EVALUATION_DUE", "RENEW",
    ]);
    expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
    expect(history.find((e) => e.event === "REPORT_OVERDUE")).toMatchObject({ actor_id: "system", actor_role: "system", from_state: "renewed.second_year", to_state: "renewed.second_report_overdue" });
    expect(JSON.parse(history.find((e) => e.event === "GRANT_LABEL")!.data_diff)).toContainEqual(expect.objectContaining({ op: "add", path: "/facts/labelDecision" }));
    expect(await engine.verifyAudit()).toEqual({ dossiers: 1, events: history.length, broken: [] });
  });

  it("keeps a label that started in January renewable after its year ends, the report being due on 31 March", async () => {
    const { engine, clock, actors, orgA, procedureId } = await setupEngine(database.db);
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication() }, actors.manager);
    const id = dossier.id;
    await ownAttachments(engine, id, actors.manager);
    await engine.submit(id, actors.manager);
    await engine.send(id, "START_INSTRUCTION", { caseNumber: "JAN-1" }, actors.instructor);
    await engine.send(id, "REFER_TO_COMMITTEE", { opinion: "Favorable", summary: "Dossier complet et conforme." }, actors.instructor);
    clock.set("2026-12-10T10:00:00Z");
    await engine.send(id, "GRANT_LABEL", { labelledPlaces: 5, startDate: "2027-01-01", derogation: { granted: false } }, actors.committee);
    clock.set("2028-01-02T10:00:00Z");
    expect((await engine.fireDueTimers()).fired).toBe(1);
    expect((await engine.getDossier(id, actors.manager)).state).toBe("labelled.period_ended");
    clock.set("2028-02-20T10:00:00Z");
    await engine.send(id, "FILE_REPORT", report(2027), actors.manager);
    const renewed = await engine.send(id, "RENEW", { startDate: "2028-01-01", labelledPlaces: 5 }, actors.committee);
    expect(renewed.dossier.state).toBe("renewed.first_year");
    const due = (await engine.timers(id, actors.committee)).filter((t) => t.status === "scheduled").map((t) => [t.event, t.due_at]).sort();
    expect(due).toEqual([["EVALUATION_DUE", "2029-12-31T23:00:00.000Z"], ["REPORT_OVERDUE", "2029-03-31T22:00:00.000Z"], ["REPORT_OVERDUE", "2030-03-31T22:00:00.000Z"]]);
    expect((await engine.cycles(id, actors.committee)).map((c) => [c.starts_on, c.report_due_at, c.outcome])).toEqual([
      ["2027-01-01", "2028-03-31T22:00:00.000Z", "reported"],
      ["2028-01-01", "2029-03-31T22:00:00.000Z", "open"],
      ["2029-01-01", "2030-03-31T22:00:00.000Z", "open"],
    ]);
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

  it("accepts a submission until the end of the deadline's last second (23:59:59.999 local)", async () => {
    const { engine, clock, actors, orgA, procedureId } = await setupEngine(database.db);
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication() }, actors.manager);
    await ownAttachments(engine, dossier.id, actors.manager);
    clock.set("2026-09-11T21:59:59.999Z");
    expect((await engine.submit(dossier.id, actors.manager)).dossier.state).toBe("submitted");
  });
});
