/**
 * Label years through the engine, on each database, with the Cantal test
 * package: years opened from a date of the decision, then the day after the
 * last one; a report timer per year that survives state changes and records
 * the lateness even where the state does not take its event; reports and
 * dated records filed on their year without moving the dossier; timers that
 * read the period after the transition; an ending that closes the years and
 * cancels every timer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Refusal } from "../../server/engine/decide-transition";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { setupEngine } from "../helpers/engine-setup";
import { PDF } from "../helpers/files";
import { assessedDossier, CANTAL_PACKAGE_DIR, variantFiles } from "../helpers/variants";

type Setup = Awaited<ReturnType<typeof setupEngine>>;

async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  const outcome = await promise.then(() => null, (e: unknown) => e);
  expect(outcome).toBeInstanceOf(Refusal);
  return outcome as Refusal;
}

const scheduled = async (setup: Setup, id: string) =>
  (await setup.engine.timers(id, setup.actors.admin)).filter((t) => t.status === "scheduled").map((t) => [t.event, t.due_at, t.cycle_id !== null]).sort();

describe.each(DATABASES)("label years on $name", (kind) => {
  let database: TestDatabase;
  let setup: Setup;
  beforeAll(async () => {
    database = await kind.create();
    setup = await setupEngine(database.db, { dir: CANTAL_PACKAGE_DIR, territory: "15" });
  });
  afterAll(async () => { await database.cleanup(); });

  it("live a whole support: grant, records, reports, lateness, renewal after the last year, ending", async () => {
    const { engine, clock, actors } = setup;
    const id = await assessedDossier(setup, 8);
    expect((await engine.getDossier(id, actors.admin)).state).toBe("committee_review");

    // The derogable rule holds the grant unless the decision grants the derogation (a boolean computed value waives it).
    const held = await refusalOf(engine.send(id, "GRANT", { startDate: "2027-03-01", derogation: false }, actors.committee));
    expect(held).toMatchObject({ code: "guard", reasons: [{ code: "rule", rule: "membersMinimum", pointers: ["/members"], message: "L'association compte 8 adhérent(s) ; il en faut au moins 10." }] });
    clock.set("2027-02-10T10:00:00Z");
    const granted = await engine.send(id, "GRANT", { startDate: "2027-03-01", derogation: true }, actors.committee);
    expect(granted.dossier).toMatchObject({ state: "supported", computed: { supportYears: 1, overdueReports: 0 } });
    let cycles = await engine.cycles(id, actors.admin);
    expect(cycles.map((c) => [c.year_index, c.opening, c.starts_on, c.ends_on, c.report_due_at, c.funding, c.outcome])).toEqual([
      [1, 1, "2027-03-01", "2028-02-29", "2028-06-30T22:00:00.000Z", 320, "open"],
    ]);
    // Timers read the period the grant opened: the day after it, and 6 months (from the application) after its start.
    expect(await scheduled(setup, id)).toEqual([
      ["CHECKPOINT", "2027-08-31T22:00:00.000Z", false],
      ["PERIOD_END", "2028-02-29T23:00:00.000Z", false],
      ["REPORT_OVERDUE", "2028-06-30T22:00:00.000Z", true],
    ]);

    // No report before its year starts; the action is shown closed with the same reason.
    const early = await refusalOf(engine.send(id, "FILE_REPORT", { summary: "Trop tôt." }, actors.manager));
    expect(early).toMatchObject({ code: "guard", message: "Le bilan de l'année de label du 1er mars 2027 au 29 février 2028 ne peut être déposé qu'à partir du 1er mars 2027." });
    const listed = (await engine.openTransitions(id, actors.manager)).items.find((i) => i.event === "FILE_REPORT")!;
    expect(listed).toMatchObject({ available: false, reasons: [{ code: "cycle", message: early.message }] });

    // A follow-up meeting, recorded by the instructor with its signed minutes: attached to the year of its date, the dossier stays.
    clock.set("2027-04-15T10:00:00Z");
    const before = await engine.timers(id, actors.admin);
    const minutes = await engine.addAttachment(id, { name: "pv.pdf", bytes: PDF }, actors.instructor);
    const first = { date: "2027-04-10", notes: "Première réunion de suivi.", minutes: minutes.id };
    const recorded = await engine.send(id, "RECORD_FOLLOW_UP", first, actors.instructor);
    expect(recorded.dossier.state).toBe("supported");
    expect(await engine.timers(id, actors.admin)).toEqual(before);
    const outside = await refusalOf(engine.send(id, "RECORD_FOLLOW_UP", { date: "2026-12-01", notes: "Avant le soutien." }, actors.instructor));
    expect(outside).toMatchObject({ code: "input", reasons: [{ code: "field", pointers: ["/date"], message: "La date du compte rendu « Réunion de suivi » (1er décembre 2026) ne tombe dans aucune année de label (années du dossier : du 1er mars 2027 au 29 février 2028)." }] });
    const second = { date: "2027-05-20", notes: "Deuxième réunion, qui remplace la première pour cette année." };
    await engine.send(id, "RECORD_FOLLOW_UP", second, actors.instructor);
    let views = await engine.cycleViews(id, actors.manager);
    expect(views[0]!.records).toEqual([{ event: "RECORD_FOLLOW_UP", form: "followUp", label: "Réunion de suivi", present: true, input: second, recordedAt: "2027-04-15T10:00:00.000Z" }]);
    const history = await engine.history(id, actors.admin);
    expect(history.filter((e) => e.event === "RECORD_FOLLOW_UP").map((e) => [e.from_state, e.to_state, JSON.parse(e.input).date])).toEqual([
      ["supported", "supported", "2027-04-10"], ["supported", "supported", "2027-05-20"],
    ]);

    // A targetless timer fires and leaves the other timers as they were.
    clock.set("2027-09-02T06:00:00Z");
    expect(await engine.fireDueTimers()).toEqual({ fired: 1, failed: 0, retried: 0 });
    expect((await engine.getDossier(id, actors.admin)).state).toBe("supported");
    expect((await scheduled(setup, id)).map((t) => t[0])).toEqual(["PERIOD_END", "REPORT_OVERDUE"]);

    // The report, filed on its year, cancels that year's timer only; none is awaited after it.
    clock.set("2027-10-01T10:00:00Z");
    await engine.send(id, "FILE_REPORT", { summary: "Une année d'actions." }, actors.manager);
    expect((await engine.cycles(id, actors.admin))[0]).toMatchObject({ outcome: "reported", report_filed_at: "2027-10-01T10:00:00.000Z", report: JSON.stringify({ summary: "Une année d'actions." }) });
    expect((await engine.timers(id, actors.admin)).find((t) => t.cycle_id !== null)).toMatchObject({ status: "cancelled", outcome: "bilan déposé" });
    expect((await refusalOf(engine.send(id, "FILE_REPORT", { summary: "Encore ?" }, actors.manager))).message)
      .toBe("Aucun bilan n'est attendu : les bilans de toutes les années de label sont déposés ou clos (dernière année : du 1er mars 2027 au 29 février 2028).");

    // The period ends; the renewal opens two years the day after the last one, read by the new timers.
    clock.set("2028-03-02T06:00:00Z");
    expect((await engine.fireDueTimers()).fired).toBe(1);
    expect((await engine.getDossier(id, actors.admin)).state).toBe("period_over");
    expect((await engine.openTransitions(id, actors.committee)).items.find((i) => i.event === "RENEW")).toMatchObject({ available: true, prefill: null });
    clock.set("2028-03-10T10:00:00Z");
    const renewed = await engine.send(id, "RENEW", { beneficiaries: 12 }, actors.committee);
    expect(renewed.dossier).toMatchObject({ state: "supported", computed: { supportYears: 3 } });
    cycles = await engine.cycles(id, actors.admin);
    expect(cycles.slice(1).map((c) => [c.year_index, c.opening, c.starts_on, c.ends_on, c.funding])).toEqual([
      [2, 2, "2028-03-01", "2029-02-28", 160], [3, 2, "2029-03-01", "2030-02-28", 160],
    ]);
    expect(await scheduled(setup, id)).toEqual([
      ["CHECKPOINT", "2028-08-31T22:00:00.000Z", false],
      ["PERIOD_END", "2030-02-28T23:00:00.000Z", false],
      ["REPORT_OVERDUE", "2029-06-30T22:00:00.000Z", true],
      ["REPORT_OVERDUE", "2030-06-30T22:00:00.000Z", true],
    ]);

    // Year 2's report is late: the state takes the event (a targetless transition), the year is overdue.
    clock.set("2029-07-01T06:00:00Z");
    expect(await engine.fireDueTimers()).toEqual({ fired: 2, failed: 0, retried: 0 });
    expect(await engine.getDossier(id, actors.admin)).toMatchObject({ state: "supported", computed: { overdueReports: 1 } });
    expect((await engine.cycles(id, actors.admin))[1]!.outcome).toBe("overdue");

    // Year 3's report is late after the period ended: the state does not take the event, the lateness is recorded all the same.
    clock.set("2030-07-02T06:00:00Z");
    const version = (await engine.getDossier(id, actors.admin)).version;
    expect(await engine.fireDueTimers()).toEqual({ fired: 2, failed: 0, retried: 0 });
    const late = await engine.getDossier(id, actors.admin);
    expect(late).toMatchObject({ state: "period_over", version: version + 2, computed: { overdueReports: 2 } });
    expect((await engine.cycles(id, actors.admin))[2]!.outcome).toBe("overdue");
    const lastTimer = (await engine.timers(id, actors.admin)).find((t) => t.due_at === "2030-06-30T22:00:00.000Z")!;
    expect(lastTimer).toMatchObject({ status: "fired", outcome: expect.stringContaining("retard enregistré, sans changement d'état") });
    expect((await engine.history(id, actors.admin)).at(-1)).toMatchObject({ event: "REPORT_OVERDUE", actor_role: "system", from_state: "period_over", to_state: "period_over" });
    // The renewal form starts from the previous renewal.
    expect((await engine.openTransitions(id, actors.committee)).items.find((i) => i.event === "RENEW")?.prefill).toEqual({ beneficiaries: 12 });

    // A late report goes to the earliest year awaiting one; the ending closes the others and cancels every timer.
    await engine.send(id, "FILE_REPORT", { summary: "Bilan tardif de la deuxième année." }, actors.manager);
    const ended = await engine.send(id, "STOP", { reason: "Fin du partenariat." }, actors.committee);
    expect(ended.dossier).toMatchObject({ state: "closed", final: true });
    views = await engine.cycleViews(id, actors.manager);
    expect(views.map((v) => [v.year, v.reportStatus, v.outcome, v.records[0]!.present])).toEqual([
      [1, "filed", "reported", true], [2, "filed", "reported", false], [3, "closed", "closed", false],
    ]);
    expect(await scheduled(setup, id)).toEqual([]);
    expect((await engine.verifyAudit()).broken).toEqual([]);
  });

  it("close the years and cancel the report timers when the dossier ends without reports", async () => {
    const { engine, clock, actors } = setup;
    clock.set("2026-06-01T08:00:00Z");
    const id = await assessedDossier(setup, 40);
    expect((await engine.getDossier(id, actors.admin)).state).toBe("fast_track");
    await engine.send(id, "GRANT", { startDate: "2026-09-01", derogation: false }, actors.committee);
    await engine.send(id, "STOP", { reason: "L'association se dissout." }, actors.committee);
    expect((await engine.cycles(id, actors.admin)).map((c) => [c.funding, c.outcome])).toEqual([[1600, "closed"]]);
    const timers = await engine.timers(id, actors.admin);
    expect(timers.filter((t) => t.cycle_id !== null)).toEqual([expect.objectContaining({ status: "cancelled", outcome: "dossier clos" })]);
    expect(timers.filter((t) => t.status === "scheduled")).toEqual([]);
  });

  it("plan a timer from a computed date evaluated with the period the transition opens", async () => {
    const own = await kind.create();
    try {
      const mine = await setupEngine(own.db, { dir: CANTAL_PACKAGE_DIR, territory: "15" });
      await mine.engine.publish(await variantFiles(CANTAL_PACKAGE_DIR, {
        "computed.json": (doc) => { doc.values.checkpointOn = { label: "Date du point d'étape", type: "date", expression: { date_add: [{ var: "period.startsOn" }, { var: "data.followUpMonths" }, "months"] } }; },
        "lifecycle.machine.json": (doc) => { doc.states.supported.meta.timers[1] = { event: "CHECKPOINT", from: "computed.checkpointOn" }; },
      }));
      mine.clock.set("2027-02-10T10:00:00Z");
      const id = await assessedDossier(mine, 40);
      const granted = await mine.engine.send(id, "GRANT", { startDate: "2027-03-01", derogation: false }, mine.actors.committee);
      expect(granted.dossier.computed.checkpointOn).toBe("2027-09-01");
      expect(await scheduled(mine, id)).toContainEqual(["CHECKPOINT", "2027-08-31T22:00:00.000Z", false]);
    } finally {
      await own.cleanup();
    }
  });
});
