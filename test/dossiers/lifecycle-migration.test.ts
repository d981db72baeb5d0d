/**
 * Migrating open dossiers to a version whose lifecycle changed, on each
 * database: a vanished state is replaced as the new manifest's
 * `migration.states` says (the report tells « état X → Y »), or the dossier
 * is kept with the reason; the timers are planned again with the new
 * version (states' timers from the period, a report timer for each open
 * year lacking one, never two); nothing else is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { setupEngine } from "../helpers/engine-setup";
import { assessedDossier, CANTAL_PACKAGE_DIR, variantFiles } from "../helpers/variants";

/** Version 2: « period_over » becomes « awaiting_renewal », which closes the support 3 months after the period's last day. */
const renamed = (withMapping: boolean) => variantFiles(CANTAL_PACKAGE_DIR, {
  "lifecycle.machine.json": (doc) => {
    const state = doc.states.period_over;
    delete doc.states.period_over;
    state.meta.timers = [{ event: "RENEWAL_LATE", from: "period.endsOn", delay: "P3M" }];
    state.on.RENEWAL_LATE = { target: "closed", meta: { roles: ["system"], label: "Renouvellement non décidé à temps" } };
    doc.states.awaiting_renewal = state;
    doc.states.supported.on.PERIOD_END.target = "awaiting_renewal";
  },
  "manifest.json": (doc) => { if (withMapping) doc.migration = { states: { period_over: "awaiting_renewal" } }; },
});

describe.each(DATABASES)("lifecycle migration on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("replaces a vanished state as the new version says, and plans its timers from the period", async () => {
    const setup = await setupEngine(database.db, { dir: CANTAL_PACKAGE_DIR, territory: "15" });
    const { engine, clock, actors, procedureId } = setup;
    clock.set("2027-02-10T10:00:00Z");
    const id = await assessedDossier(setup, 40);
    await engine.send(id, "GRANT", { startDate: "2027-03-01", derogation: false }, actors.committee);
    clock.set("2028-03-02T06:00:00Z");
    await engine.fireDueTimers();
    const before = await engine.getDossier(id, actors.admin);
    expect(before.state).toBe("period_over");

    const without = await engine.publish(await renamed(false));
    expect(await engine.migrateOpenDossiers(procedureId, without.versionId, actors.admin)).toMatchObject({
      moved: 0, kept: 1, dossiers: [{ dossierId: id, moved: false, notes: [], reasons: [{ message: "L'état « period_over » n'existe pas dans la nouvelle version, et sa section « migration.states » ne le remplace pas." }] }],
    });

    const v2 = await engine.publish(await renamed(true));
    clock.set("2028-03-05T09:00:00Z");
    const report = await engine.migrateOpenDossiers(procedureId, v2.versionId, actors.admin);
    expect(report).toMatchObject({ moved: 1, kept: 0, dossiers: [{ dossierId: id, moved: true, reasons: [], notes: ["état period_over → awaiting_renewal"] }] });
    const after = await engine.getDossier(id, actors.admin);
    expect(after).toMatchObject({ state: "awaiting_renewal", versionId: v2.versionId, facts: before.facts, data: before.data });
    expect((await engine.list({ procedureId }, actors.admin)).countsByState).toMatchObject({ awaiting_renewal: 1 });
    expect((await engine.history(id, actors.admin)).at(-1)).toMatchObject({ event: "MIGRATE", from_state: "period_over", to_state: "awaiting_renewal" });

    // The new state's timer reads the period (last day 29 February 2028, + 3 months); the year's report timer is kept, once.
    const scheduled = (await engine.timers(id, actors.admin)).filter((t) => t.status === "scheduled");
    expect(scheduled.map((t) => [t.event, t.due_at, t.state, t.cycle_id !== null]).sort()).toEqual([
      ["RENEWAL_LATE", "2028-05-28T22:00:00.000Z", "awaiting_renewal", false],
      ["REPORT_OVERDUE", "2028-06-30T22:00:00.000Z", "supported", true],
    ]);
    clock.set("2028-05-29T06:00:00Z");
    expect(await engine.fireDueTimers()).toMatchObject({ fired: 1, failed: 0 });
    expect((await engine.getDossier(id, actors.admin)).state).toBe("closed");
    expect((await engine.cycles(id, actors.admin))[0]!.outcome).toBe("closed");
  });

  it("creates the report timer of each open year that lacks one", async () => {
    const own = await kind.create();
    try {
      const setup = await setupEngine(own.db, { dir: CANTAL_PACKAGE_DIR, territory: "15" });
      const { engine, clock, actors, procedureId, published } = setup;
      // A version without the overdue event: its years have no report timer.
      await engine.publish(await variantFiles(CANTAL_PACKAGE_DIR, {
        "manifest.json": (doc) => { delete doc.cycles.overdueEvent; },
        "lifecycle.machine.json": (doc) => { delete doc.states.supported.on.REPORT_OVERDUE; },
      }));
      clock.set("2027-02-10T10:00:00Z");
      const id = await assessedDossier(setup, 40);
      await engine.send(id, "GRANT", { startDate: "2027-03-01", derogation: false }, actors.committee);
      expect((await engine.timers(id, actors.admin)).filter((t) => t.cycle_id !== null)).toEqual([]);

      expect(await engine.migrateOpenDossiers(procedureId, published.versionId, actors.admin)).toMatchObject({ moved: 1 });
      const [cycle] = await engine.cycles(id, actors.admin);
      const yearTimers = (await engine.timers(id, actors.admin)).filter((t) => t.cycle_id !== null);
      expect(yearTimers).toEqual([expect.objectContaining({ cycle_id: cycle!.id, event: "REPORT_OVERDUE", due_at: cycle!.report_due_at, status: "scheduled" })]);
      // The state's own timers were planned again, not added twice.
      expect((await engine.timers(id, actors.admin)).filter((t) => t.status === "scheduled" && t.cycle_id === null).map((t) => t.event).sort()).toEqual(["CHECKPOINT", "PERIOD_END"]);
    } finally {
      await own.cleanup();
    }
  });
});
