/**
 * Published versions (immutable, pinned, migrated explicitly with a report)
 * and the tamper-evident audit chain, on each database.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { readPackageDir } from "../../server/config/read-package-dir";
import { PackageError } from "../../server/config/problems";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { completeApplication, ownAttachments, setupEngine } from "../helpers/engine-setup";
import { DEFAULT_PACKAGE_DIR } from "../helpers/packages";

/** The default package with `manager.website` added as a required field (its own cases updated). */
async function versionTwoFiles(): Promise<Record<string, string>> {
  const files = await readPackageDir(DEFAULT_PACKAGE_DIR);
  const schema = JSON.parse(files["forms/application.schema.json"]!);
  schema.properties.manager.properties.website = { title: "Site internet", type: "string", format: "uri" };
  schema.properties.manager.required.push("website");
  files["forms/application.schema.json"] = JSON.stringify(schema);
  const cases = JSON.parse(files["cases/cases.json"]!);
  cases.bases.facility.manager.website = "https://www.example.org";
  files["cases/cases.json"] = JSON.stringify(cases);
  return files;
}

describe.each(DATABASES)("versions and migration on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("publishes immutable versions by content, pins dossiers, and migrates open ones with a report", async () => {
    const { engine, actors, orgA, procedureId, published } = await setupEngine(database.db);
    expect(await engine.publish(await readPackageDir(DEFAULT_PACKAGE_DIR))).toEqual({ ...published, created: false });

    const data = await completeApplication();
    const draft = (await engine.createDraft({ procedureId, organisationId: orgA.id, data }, actors.manager)).dossier;
    const submitted = (await engine.createDraft({ procedureId, organisationId: orgA.id, data }, actors.manager)).dossier;
    await ownAttachments(engine, submitted.id, actors.manager);
    await engine.submit(submitted.id, actors.manager);
    const withdrawn = (await engine.createDraft({ procedureId, organisationId: orgA.id, data }, actors.manager)).dossier;
    await ownAttachments(engine, withdrawn.id, actors.manager);
    await engine.withdraw(withdrawn.id, actors.manager);

    const v2 = await engine.publish(await versionTwoFiles(), "admin-1");
    expect(v2).toMatchObject({ procedureId, created: true });
    expect(v2.versionId).not.toBe(published.versionId);
    expect((await engine.registry.versions(procedureId)).map((v) => v.id)).toEqual([v2.versionId, published.versionId]);

    // Pinned: existing dossiers stay on version 1; a new draft starts on version 2.
    expect((await engine.getDossier(submitted.id, actors.manager)).versionId).toBe(published.versionId);
    const fresh = (await engine.createDraft({ procedureId, organisationId: orgA.id, data }, actors.manager));
    expect(fresh.dossier.versionId).toBe(v2.versionId);
    expect(fresh.fieldErrors).toContainEqual(expect.objectContaining({ pointer: "/manager/website" }));

    expect((await engine.migrateOpenDossiers(procedureId, v2.versionId, actors.manager).catch((e: unknown) => e))).toMatchObject({ code: "role" });
    const report = await engine.migrateOpenDossiers(procedureId, v2.versionId, actors.admin);
    expect(report).toMatchObject({ toVersion: v2.versionId, moved: 1, kept: 1 });
    expect(report.dossiers).toEqual(expect.arrayContaining([
      { dossierId: draft.id, fromVersion: published.versionId, moved: true, reasons: [], notes: [] },
      { dossierId: submitted.id, fromVersion: published.versionId, moved: false, reasons: [{ pointer: "/manager/website", message: "requiert la propriété website" }], notes: [] },
    ]));
    expect(report.dossiers.map((d) => d.dossierId)).not.toContain(withdrawn.id);
    expect((await engine.getDossier(draft.id, actors.manager)).versionId).toBe(v2.versionId);
    expect((await engine.getDossier(submitted.id, actors.manager)).versionId).toBe(published.versionId);
    expect((await engine.history(draft.id, actors.manager)).at(-1)).toMatchObject({ event: "MIGRATE", actor_id: "admin-1" });

    // A second run has nothing left to move but the same refusal.
    expect(await engine.migrateOpenDossiers(procedureId, v2.versionId, actors.admin)).toMatchObject({ moved: 0, kept: 1 });
  });

  it("replaces the timers of migrated dossiers by the new version's", async () => {
    const own = await kind.create();
    onTestFinished(() => own.cleanup());
    const { engine, clock, actors, orgA, procedureId } = await setupEngine(own.db);
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication() }, actors.manager);
    await ownAttachments(engine, dossier.id, actors.manager);
    await engine.submit(dossier.id, actors.manager);
    await engine.send(dossier.id, "START_INSTRUCTION", { caseNumber: "MIG-T" }, actors.instructor);
    clock.set("2026-06-10T09:00:00Z");
    await engine.send(dossier.id, "REQUEST_COMPLEMENTS", { message: "Merci de compléter le dossier." }, actors.instructor);
    const files = await readPackageDir(DEFAULT_PACKAGE_DIR);
    const manifest = JSON.parse(files["manifest.json"]!);
    manifest.parameters.complementsDelay.value = "P15D";
    files["manifest.json"] = JSON.stringify(manifest);
    const v2 = await engine.publish(files);
    clock.set("2026-06-12T09:00:00Z");
    expect(await engine.migrateOpenDossiers(procedureId, v2.versionId, actors.admin)).toMatchObject({ moved: 1 });
    const timers = await engine.timers(dossier.id, actors.instructor);
    expect(timers.filter((t) => t.status === "scheduled").map((t) => [t.event, t.due_at])).toEqual([["COMPLEMENTS_OVERDUE", "2026-06-25T09:00:00.000Z"]]);
    expect(timers.filter((t) => t.event === "COMPLEMENTS_OVERDUE" && t.status === "cancelled")).toHaveLength(1);
  });

  it("refuses to publish an invalid package, with the loader's messages", async () => {
    const { engine } = await setupEngine(database.db);
    const files = await readPackageDir(DEFAULT_PACKAGE_DIR);
    files["rules.json"] = "{";
    const error = await engine.publish(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).problems).toEqual([expect.objectContaining({ file: "rules.json", pointer: "/" })]);
  });
});

describe.each(DATABASES)("audit trail on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("is append-only, and a tampered event is detected at its link", async () => {
    const { engine, actors, orgA, procedureId } = await setupEngine(database.db);
    const data = await completeApplication();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data }, actors.manager);
      await ownAttachments(engine, dossier.id, actors.manager);
      await engine.submit(dossier.id, actors.manager);
      await engine.send(dossier.id, "START_INSTRUCTION", { caseNumber: `N-${i}` }, actors.instructor);
      ids.push(dossier.id);
    }
    expect(await engine.verifyAudit()).toEqual({ dossiers: 3, events: 15, broken: [] });

    const db = database.db.kysely;
    await expect(sql`UPDATE audit_events SET input = '{}' WHERE seq = 3`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events WHERE seq = 3`.execute(db)).rejects.toThrow(/append-only/);

    // Someone with direct access to the database bypasses the guard and rewrites an event.
    if (kind.name === "sqlite") await sql`DROP TRIGGER audit_events_no_update`.execute(db);
    else await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`.execute(db);
    await sql`UPDATE audit_events SET input = ${JSON.stringify({ caseNumber: "FALSIFIÉ" })} WHERE dossier_id = ${ids[1]!} AND seq = 3`.execute(db);
    const report = await engine.verifyAudit();
    expect(report.broken).toEqual([{ dossierId: ids[1], seq: 3, reason: "le contenu ne correspond plus à son empreinte (événement modifié)" }]);

    // Recomputing the hash does not help: the next link breaks instead (here, a later event).
    await engine.send(ids[2]!, "REQUEST_COMPLEMENTS", { message: "Merci de compléter le dossier." }, actors.instructor);
    await sql`UPDATE audit_events SET prev_hash = ${"f".repeat(64)} WHERE dossier_id = ${ids[2]!} AND seq = 4`.execute(db);
    expect((await engine.verifyAudit()).broken).toEqual([
      { dossierId: ids[1]!, seq: 3, reason: "le contenu ne correspond plus à son empreinte (événement modifié)" },
      { dossierId: ids[2]!, seq: 4, reason: "le lien vers l'événement précédent ne correspond pas" },
    ].sort((a, b) => (a.dossierId < b.dossierId ? -1 : 1)));
  });
});
