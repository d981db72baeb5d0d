/**
 * Durable timers fire exactly once: after a restart that missed their due
 * time, and with two engine instances racing on PostgreSQL.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../server/dossiers/engine";
import { insertTimers } from "../../server/store/timer-store";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { completeApplication, movableClock, ownAttachments, setupEngine } from "../helpers/engine-setup";

async function dossiersAwaitingComplements(setup: Awaited<ReturnType<typeof setupEngine>>, count: number): Promise<string[]> {
  const { engine, actors, orgA, procedureId } = setup;
  const data = await completeApplication();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data }, actors.manager);
    await ownAttachments(engine, dossier.id, actors.manager);
    await engine.submit(dossier.id, actors.manager);
    await engine.send(dossier.id, "START_INSTRUCTION", { caseNumber: `T-${i}` }, actors.instructor);
    await engine.send(dossier.id, "REQUEST_COMPLEMENTS", { message: "Merci de compléter le dossier." }, actors.instructor);
    ids.push(dossier.id);
  }
  return ids;
}

describe.each(DATABASES)("durable timers on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("fire once after a restart that missed the due time", async () => {
    const setup = await setupEngine(database.db);
    const [id] = await dossiersAwaitingComplements(setup, 1);
    expect(await setup.engine.fireDueTimers()).toEqual({ fired: 0, failed: 0, retried: 0 });
    await database.db.close();

    // The server was down for two months; a new process starts.
    const restartedDb = await database.reopen();
    const clock = movableClock("2026-08-01T00:00:00Z");
    const restarted = createEngine({ db: restartedDb, clock: clock.fn });
    expect(await restarted.fireDueTimers()).toEqual({ fired: 1, failed: 0, retried: 0 });
    expect(await restarted.fireDueTimers()).toEqual({ fired: 0, failed: 0, retried: 0 });
    const dossier = await restarted.getDossier(id!, setup.actors.instructor);
    expect(dossier).toMatchObject({ state: "closed_without_follow_up", final: true });
    const history = await restarted.history(id!, setup.actors.instructor);
    expect(history.filter((e) => e.event === "COMPLEMENTS_OVERDUE")).toHaveLength(1);
    expect((await restarted.timers(id!, setup.actors.instructor)).find((t) => t.event === "COMPLEMENTS_OVERDUE")).toMatchObject({ status: "fired", outcome: "ok", fired_at: "2026-08-01T00:00:00.000Z" });
    database.db = restartedDb;
  });

  it("cancel the timers of a state the dossier leaves; close a timer whose event is refused as failed, with the reason", async () => {
    const setup = await setupEngine(database.db);
    const [id] = await dossiersAwaitingComplements(setup, 1);
    await setup.engine.send(id!, "WITHDRAW", {}, setup.actors.manager);
    expect((await setup.engine.timers(id!, setup.actors.manager)).find((t) => t.event === "COMPLEMENTS_OVERDUE")?.status).toBe("cancelled");
    // A timer left behind (e.g. by an older version) whose event the dossier's state no longer handles.
    await insertTimers(database.db.kysely, [{ id: "stray-timer-0001", dossier_id: id!, state: "withdrawn", event: "LABEL_EXPIRED", due_at: "2026-07-01T00:00:00.000Z", status: "scheduled", created_at: "2026-06-01T00:00:00.000Z", fired_at: null, outcome: null }]);
    setup.clock.set("2026-08-01T00:00:00Z");
    expect(await setup.engine.fireDueTimers()).toEqual({ fired: 0, failed: 1, retried: 0 });
    expect((await setup.engine.timers(id!, setup.actors.manager)).find((t) => t.id === "stray-timer-0001")).toMatchObject({
      status: "failed", outcome: "L'action « Fin de l'année de label » n'est pas possible quand le dossier est à l'état « Candidature retirée ».",
    });
    expect((await setup.engine.getDossier(id!, setup.actors.manager)).state).toBe("withdrawn");
    expect(await setup.engine.fireDueTimers()).toEqual({ fired: 0, failed: 0, retried: 0 });
  });
});

describe.each(DATABASES)("a timer that cannot be applied on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("is closed as failed with the error, and does not block the others", async () => {
    const setup = await setupEngine(database.db);
    const [broken, healthy] = await dossiersAwaitingComplements(setup, 2);
    await sql`UPDATE dossiers SET facts = '{corrompu' WHERE id = ${broken!}`.execute(database.db.kysely);
    setup.clock.set("2026-08-01T00:00:00Z");
    const report = await setup.engine.fireDueTimers(100, () => undefined);
    expect(report).toEqual({ fired: 1, failed: 1, retried: 0 });
    expect((await setup.engine.timers(broken!, setup.actors.instructor))[0]).toMatchObject({ status: "failed", outcome: expect.stringContaining("erreur interne") });
    expect((await setup.engine.getDossier(healthy!, setup.actors.instructor)).state).toBe("closed_without_follow_up");
    expect(await setup.engine.fireDueTimers(100, () => undefined)).toEqual({ fired: 0, failed: 0, retried: 0 });
  });
});

const postgres = DATABASES.filter((d) => d.name === "postgres");
describe.runIf(postgres.length > 0).each(postgres)("two engine instances on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("fire each due timer exactly once between them", async () => {
    const setup = await setupEngine(database.db);
    const ids = await dossiersAwaitingComplements(setup, 24);
    const late = movableClock("2026-08-01T00:00:00Z");
    const a = createEngine({ db: await database.reopen(), clock: late.fn });
    const b = createEngine({ db: await database.reopen(), clock: late.fn });
    // Warm both pools so that the two instances really race for the same rows.
    await Promise.all([a.getDossier(ids[0]!, setup.actors.instructor), b.getDossier(ids[0]!, setup.actors.instructor)]);
    const [ra, rb] = await Promise.all([a.fireDueTimers(), b.fireDueTimers()]);
    expect(ra.fired + rb.fired).toBe(24);
    expect(ra.failed + rb.failed).toBe(0);
    for (const id of ids) {
      const history = await a.history(id, setup.actors.instructor);
      expect(history.filter((e) => e.event === "COMPLEMENTS_OVERDUE")).toHaveLength(1);
      expect((await a.getDossier(id, setup.actors.instructor)).state).toBe("closed_without_follow_up");
    }
    expect((await a.verifyAudit()).broken).toEqual([]);
  });
});
