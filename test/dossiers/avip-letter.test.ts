/**
 * The default AVIP package to the letter of the call, one defect per test
 * (each failed on the previous package): the label year ends whatever happens
 * to its report; every report keeps its timer until filed or closed; decisions
 * are checked against the dossier, per structure; a derogation delay brings
 * the dossier back before the committee; follow-up committees are recorded per
 * label year; the evaluation ends or adjusts the label; attachments belong to
 * their dossier.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCycleView } from "../../server/dossiers/cycle-view";
import type { Refusal } from "../../server/engine/decide-transition";
import { annualReport, labelDecision, renewalDecision } from "../helpers/avip";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { completeApplication, ownAttachments, setupEngine } from "../helpers/engine-setup";

type Setup = Awaited<ReturnType<typeof setupEngine>>;

/** A dossier submitted on 1 June 2026 and referred to the committee. */
async function inCommittee(setup: Setup, application?: Record<string, any>) {
  const { engine, actors, orgA, procedureId } = setup;
  const data = application ?? await completeApplication();
  const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data }, actors.manager);
  await ownAttachments(engine, dossier.id, actors.manager);
  await engine.submit(dossier.id, actors.manager);
  await engine.send(dossier.id, "START_INSTRUCTION", { caseNumber: "AVIP-1" }, actors.instructor);
  await engine.send(dossier.id, "REFER_TO_COMMITTEE", { opinion: "Favorable", summary: "Dossier complet et conforme." }, actors.instructor);
  return { id: dossier.id, data: (await engine.getDossier(dossier.id, actors.manager)).data as Record<string, any> };
}

async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  return (await promise.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e)) as Refusal;
}

describe.each(DATABASES)("the AVIP call, to the letter, on $name", (kind) => {
  let database: TestDatabase;
  let setup: Setup;
  beforeAll(async () => {
    database = await kind.create();
    setup = await setupEngine(database.db);
  });
  afterAll(async () => { await database.cleanup(); });

  it("ends a first label one year after its start even when its report was filed during the year", async () => {
    const { engine, clock, actors } = setup;
    clock.set("2026-06-01T08:00:00Z");
    const { id, data } = await inCommittee(setup);
    await engine.send(id, "GRANT_LABEL", labelDecision(data, { startDate: "2026-11-01" }), actors.committee);
    clock.set("2027-03-15T10:00:00Z");
    expect((await engine.send(id, "FILE_REPORT", annualReport(2026), actors.manager)).dossier.state).toBe("labelled.report_filed");
    clock.set("2027-11-01T08:00:00Z");
    await engine.fireDueTimers();
    expect((await engine.getDossier(id, actors.manager)).state).toBe("labelled.period_ended_report_filed");
    const expiry = (await engine.timers(id, actors.manager)).find((t) => t.event === "LABEL_EXPIRED");
    expect(expiry).toMatchObject({ status: "fired", due_at: "2027-10-31T23:00:00.000Z" });
    // The committee may still renew: the new period starts the day after the first one ended.
    clock.set("2029-06-01T08:00:00Z");
    await engine.send(id, "RENEW", renewalDecision(data), actors.committee);
    const cycles = await engine.cycles(id, actors.manager);
    expect(cycles.map((c) => c.starts_on)).toEqual(["2026-11-01", "2027-11-01", "2028-11-01"]);
  });

  it("keeps the third report's overdue timer through the evaluation for a label started in February", async () => {
    const { engine, clock, actors } = setup;
    clock.set("2026-06-01T08:00:00Z");
    const { id, data } = await inCommittee(setup);
    await engine.send(id, "GRANT_LABEL", labelDecision(data, { startDate: "2027-02-01" }), actors.committee);
    clock.set("2028-03-01T10:00:00Z");
    await engine.fireDueTimers(); // the label year ended on 31 January 2028
    expect((await engine.getDossier(id, actors.manager)).state).toBe("labelled.period_ended");
    await engine.send(id, "FILE_REPORT", annualReport(2027), actors.manager);
    await engine.send(id, "RENEW", renewalDecision(data), actors.committee);
    clock.set("2029-03-01T10:00:00Z");
    await engine.send(id, "FILE_REPORT", annualReport(2028), actors.manager);
    clock.set("2030-02-02T10:00:00Z");
    await engine.fireDueTimers();
    expect((await engine.getDossier(id, actors.manager)).state).toBe("evaluation");
    const third = (await engine.cycles(id, actors.manager))[2]!;
    expect(third).toMatchObject({ starts_on: "2029-02-01", outcome: "open", report_due_at: "2030-03-31T22:00:00.000Z" });
    expect((await engine.timers(id, actors.manager)).filter((t) => t.status === "scheduled").map((t) => [t.event, t.due_at])).toEqual([["REPORT_OVERDUE", "2030-03-31T22:00:00.000Z"]]);
    clock.set("2030-04-02T10:00:00Z");
    expect(await engine.fireDueTimers()).toMatchObject({ fired: 1, failed: 0 });
    expect((await engine.cycles(id, actors.manager))[2]!.outcome).toBe("overdue");
    await engine.send(id, "FILE_REPORT", annualReport(2029), actors.manager);
    expect((await engine.cycles(id, actors.manager))[2]!.outcome).toBe("reported");
    // Ending the label closes its cycles and leaves no timer.
    await engine.send(id, "END_LABEL", { reason: "Fin du label décidée après évaluation." }, actors.committee);
    expect((await engine.timers(id, actors.manager)).filter((t) => t.status === "scheduled")).toEqual([]);
  });

  it("refuses 50 places for a crèche of 20 that asked for 5, each failing rule once", async () => {
    const { engine, actors } = setup;
    setup.clock.set("2026-06-01T08:00:00Z");
    const { id, data } = await inCommittee(setup);
    const decision = labelDecision(data);
    decision.facilities[0]!.places = 50;
    decision.labelledPlaces = 50;
    const refusal = await refusalOf(engine.send(id, "GRANT_LABEL", decision, actors.committee));
    expect(refusal.code).toBe("guard");
    const rules = refusal.reasons.map((r) => r.rule);
    expect(rules.sort()).toEqual(["decisionPlacesWithinCapacity", "decisionPlacesWithinRequest"]);
    expect((await engine.getDossier(id, actors.committee)).state).toBe("in_committee");
  });

  it("refuses a label that starts before the submission, and a decision that leaves out a facility", async () => {
    const { engine, actors } = setup;
    setup.clock.set("2026-06-01T08:00:00Z");
    const application = await completeApplication();
    application.commitments.avipChildrenPerYear = 7; // 20 % of 20 + 12 places
    application.facilities.push({ ...application.facilities[0], name: "Micro-crèche Les Pinsons", siret: "20063000600027", pmiCapacity: 12, avipPlaces: 2 });
    const { id, data } = await inCommittee(setup, application);
    const early = await refusalOf(engine.send(id, "GRANT_LABEL", labelDecision(data, { startDate: "2026-05-31" }), actors.committee));
    expect(early.reasons.map((r) => r.rule)).toEqual(["labelStartsAfterSubmission"]);
    const partial = labelDecision(data);
    partial.facilities = partial.facilities.slice(0, 1);
    partial.labelledPlaces = 5;
    const missing = await refusalOf(engine.send(id, "GRANT_LABEL", partial, actors.committee));
    expect(missing.reasons.map((r) => r.rule)).toEqual(["decisionStructures"]);
    const granted = await engine.send(id, "GRANT_LABEL", labelDecision(data, { startDate: "2026-06-01" }), actors.committee);
    expect(granted.dossier.computed).toMatchObject({ labelledPlaces: 7, decidedFacilityPlaces: 7 });
  });

  it("computes the referent's aid on the figures the committee validated", async () => {
    const { engine, actors } = setup;
    setup.clock.set("2026-06-01T08:00:00Z");
    const { id, data } = await inCommittee(setup);
    const granted = await engine.send(id, "GRANT_LABEL", labelDecision(data, { referent: { fte: 0.1, annualCost: 3000 } }), actors.committee);
    expect(granted.dossier.computed).toMatchObject({ validatedReferentCost: 3000, referentAid: 1500, firstYearFunding: 14000 });
    expect((await engine.cycles(id, actors.committee))[0]).toMatchObject({ funding: 14000 });
  });

  it("refuses a network that lists no assistant maternel, and holds a crèche that lists one to the network rules", async () => {
    const { engine, actors, orgA, procedureId } = setup;
    setup.clock.set("2026-06-01T08:00:00Z");
    const network = await completeApplication();
    network.applicantKind = "network";
    network.coordination = { coordinatorKind: "Relais petite enfance (RPE)", organisationName: "RPE de Thiers" };
    const a = await engine.createDraft({ procedureId, organisationId: orgA.id, data: network }, actors.manager);
    await ownAttachments(engine, a.dossier.id, actors.manager);
    const refusal = await refusalOf(engine.submit(a.dossier.id, actors.manager));
    expect(refusal.reasons.map((r) => r.rule)).toEqual(["networkChildminders"]);
    const crèche = await completeApplication();
    crèche.commitments.avipChildrenPerYear = 5; // 20 % of 20 places, plus one for the assistant maternel
    crèche.childminders = [{ fullName: "Anne Durand", town: "Thiers", practice: "À domicile", approvedPlaces: 4, avipPlaces: 1, avipChildrenPerYear: 1 }];
    const b = await engine.createDraft({ procedureId, organisationId: orgA.id, data: crèche }, actors.manager);
    await ownAttachments(engine, b.dossier.id, actors.manager);
    const held = await refusalOf(engine.submit(b.dossier.id, actors.manager));
    expect(held.reasons.map((r) => r.rule).sort()).toEqual(["networkChildminders", "networkCoordination"]);
  });

  it("brings a label granted with a delay back before the committee when the delay expires", async () => {
    const { engine, clock, actors } = setup;
    clock.set("2026-06-01T08:00:00Z");
    const { id, data } = await inCommittee(setup);
    const derogation = { granted: true, kind: "delay", dueDate: "2027-04-01", reason: "Six mois pour nommer un référent à temps plein." };
    const tooLate = await refusalOf(engine.send(id, "GRANT_LABEL", labelDecision(data, { derogation: { ...derogation, dueDate: "2027-12-01" } }), actors.committee));
    expect(tooLate.reasons.map((r) => r.rule)).toEqual(["derogationDelayWithinLabelYear"]);
    await engine.send(id, "GRANT_LABEL", labelDecision(data, { derogation }), actors.committee);
    expect((await engine.timers(id, actors.committee)).find((t) => t.event === "DEROGATION_DUE")).toMatchObject({ status: "scheduled", due_at: "2027-04-01T22:00:00.000Z" });
    clock.set("2027-02-01T10:00:00Z");
    await engine.send(id, "FILE_REPORT", annualReport(2026), actors.manager);
    // No renewal while the delay awaits its review: it would drop the review.
    const early = await refusalOf(engine.send(id, "RENEW", renewalDecision(data), actors.committee));
    expect(early.reasons.map((r) => r.message)).toEqual([expect.stringContaining("Aucun délai de dérogation n'attend le réexamen du comité")]);
    clock.set("2027-04-02T10:00:00Z");
    await engine.fireDueTimers();
    expect((await engine.getDossier(id, actors.committee)).state).toBe("derogation_review");
    // Back in the label, in the state of its report; no second review.
    const confirmed = await engine.send(id, "CONFIRM_LABEL", { assessment: "Le référent est nommé depuis mars." }, actors.committee);
    expect(confirmed.dossier.state).toBe("labelled.report_filed");
    expect((await engine.timers(id, actors.committee)).filter((t) => t.status === "scheduled").map((t) => t.event)).toEqual(["LABEL_EXPIRED"]);
  });

  it("records the annual follow-up committee of each label year, with its minutes", async () => {
    const { engine, clock, actors } = setup;
    clock.set("2026-06-01T08:00:00Z");
    const { id, data } = await inCommittee(setup);
    await engine.send(id, "GRANT_LABEL", labelDecision(data), actors.committee);
    clock.set("2027-06-01T10:00:00Z");
    const minutes = await engine.addAttachment(id, { name: "compte-rendu.pdf", bytes: Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") }, actors.instructor);
    const followUp = { date: "2027-05-20", participants: [{ fullName: "Claire Roux", institution: "Caf" }, { fullName: "Paul Vidal", institution: "DDETS" }], minutes: minutes.id };
    const outside = await refusalOf(engine.send(id, "RECORD_FOLLOW_UP", { ...followUp, date: "2028-05-20" }, actors.instructor));
    expect(outside.code).toBe("input");
    const recorded = await engine.send(id, "RECORD_FOLLOW_UP", followUp, actors.instructor);
    expect(recorded.dossier.state).toBe("labelled.year_running");
    const [cycle] = await engine.cycles(id, actors.manager);
    expect(JSON.parse(cycle!.records as unknown as string)).toEqual({ followUpCommittee: { input: followUp, recordedAt: "2027-06-01T10:00:00.000Z" } });
    // The dossier's view of its years says which record each year has, and which it lacks.
    await engine.send(id, "FILE_REPORT", annualReport(2026), actors.manager);
    await engine.send(id, "RENEW", renewalDecision(data), actors.committee);
    const procedure = await engine.registry.get((await engine.getDossier(id, actors.manager)).versionId);
    const views = (await engine.cycles(id, actors.manager)).map((c) => toCycleView(c, procedure));
    expect(views.map((v) => [v.year, v.records.map((r) => [r.label, r.present])])).toEqual([
      [1, [["Comité de suivi annuel", true]]],
      [2, [["Comité de suivi annuel", false]]],
      [3, [["Comité de suivi annuel", false]]],
    ]);
  });

  it("refuses at submission an attachment that belongs to another dossier, or to none", async () => {
    const { engine, actors, orgA, procedureId } = setup;
    setup.clock.set("2026-06-01T08:00:00Z");
    const other = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication() }, actors.manager);
    const foreign = await engine.addAttachment(other.dossier.id, { name: "fiche.pdf", bytes: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") }, actors.manager);
    for (const attachmentId of [foreign.id, "att_0000nulle_part"]) {
      const data = await completeApplication();
      data.referent.jobDescription = attachmentId;
      const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data }, actors.manager);
      const refusal = await refusalOf(engine.submit(dossier.id, actors.manager));
      expect(refusal.reasons).toEqual([expect.objectContaining({ pointers: ["/referent/jobDescription"] })]);
      // Withdrawing such a draft is not refused: the files are checked when the data is handed over.
      expect((await engine.withdraw(dossier.id, actors.manager)).dossier.state).toBe("withdrawn");
    }
  });
});
