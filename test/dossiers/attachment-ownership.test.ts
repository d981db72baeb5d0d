/**
 * Attachments belong to their dossier, on each database: an event whose
 * input or whose dossier's data names another dossier's file is refused
 * with the field's pointer, writing nothing; and who may attach — the
 * manager while the application is editable, or anyone with an action open
 * now whose form asks for a file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Refusal } from "../../server/engine/decide-transition";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { setupEngine } from "../helpers/engine-setup";
import { PDF } from "../helpers/files";
import { assessedDossier, CANTAL_PACKAGE_DIR, cantalApplication } from "../helpers/variants";

const file = { name: "document.pdf", bytes: PDF };

describe.each(DATABASES)("attachment ownership on $name", (kind) => {
  let database: TestDatabase;
  let setup: Awaited<ReturnType<typeof setupEngine>>;
  beforeAll(async () => {
    database = await kind.create();
    setup = await setupEngine(database.db, { dir: CANTAL_PACKAGE_DIR, territory: "15", });
    setup.clock.set("2027-02-10T10:00:00Z");
  });
  afterAll(async () => { await database.cleanup(); });

  it("refuses an event naming another dossier's file, in its input or in the data", async () => {
    const { engine, actors, orgA, procedureId } = setup;
    const id = await assessedDossier(setup, 40);
    await engine.send(id, "GRANT", { startDate: "2027-01-01", derogation: false }, actors.committee);
    const other = (await engine.createDraft({ procedureId, organisationId: orgA.id, data: cantalApplication() }, actors.manager)).dossier.id;
    const theirs = await engine.addAttachment(other, file, actors.manager);

    const before = await engine.getDossier(id, actors.admin);
    const refusal = await engine.send(id, "RECORD_FOLLOW_UP", { date: "2027-02-01", notes: "Réunion de suivi.", minutes: theirs.id }, actors.instructor).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Refusal);
    expect(refusal).toMatchObject({ code: "input", message: `La pièce « ${theirs.id} » n'appartient pas à ce dossier.`, reasons: [{ code: "field", pointers: ["/minutes"] }] });
    expect((await engine.getDossier(id, actors.admin)).version).toBe(before.version);

    // The other dossier's data names it too, and the instructor's own file: only the foreign one is refused.
    const ours = await engine.addAttachment(id, file, actors.instructor);
    expect((await engine.send(id, "RECORD_FOLLOW_UP", { date: "2027-02-01", notes: "Réunion de suivi.", minutes: ours.id }, actors.instructor)).dossier.state).toBe("supported");
    const { dossier: draft } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: { ...cantalApplication(), statutes: theirs.id } }, actors.manager);
    expect(await engine.submit(draft.id, actors.manager).catch((e: Refusal) => e.reasons)).toEqual([
      { code: "field", message: `La pièce « ${theirs.id} » n'appartient pas à ce dossier.`, pointers: ["/statutes"] },
    ]);
  });

  it("lets attach the manager of an editable application, or whoever has an open action asking for a file", async () => {
    const { engine, actors, orgA, procedureId } = setup;
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: cantalApplication() }, actors.manager);
    expect(await engine.addAttachment(dossier.id, file, actors.manager)).toMatchObject({ dossier_id: dossier.id });
    expect(await engine.addAttachment(dossier.id, file, actors.instructor).catch((e: Refusal) => e.code)).toBe("role");

    const id = await assessedDossier(setup, 40);
    expect(await engine.addAttachment(id, file, actors.instructor).catch((e: Refusal) => e.message))
      .toBe("Le rôle « Service instructeur » ne permet pas de joindre des fichiers à ce dossier dans son état actuel : aucune action qui vous est ouverte n'en demande.");
    await engine.send(id, "GRANT", { startDate: "2027-01-01", derogation: false }, actors.committee);
    // Supported: the instructor records meetings with their minutes; the committee's and the manager's actions ask for no file.
    expect(await engine.addAttachment(id, file, actors.instructor)).toMatchObject({ dossier_id: id, uploaded_by: actors.instructor.id });
    expect(await engine.addAttachment(id, file, actors.committee).catch((e: Refusal) => e.code)).toBe("role");
    expect(await engine.addAttachment(id, file, actors.manager).catch((e: Refusal) => e.code)).toBe("not_editable");
    expect(await engine.addAttachment(id, file, actors.foreignInstructor).catch((e: Refusal) => e.code)).toBe("forbidden");
  });
});
