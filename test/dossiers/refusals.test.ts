/**
 * Every kind of refused transition, on each database: each says why in
 * French, and writes nothing (same version, same history).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../server/dossiers/engine";
import { Refusal } from "../../server/engine/decide-transition";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { completeApplication, ownAttachments, setupEngine } from "../helpers/engine-setup";
import { PDF } from "../helpers/files";

async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  const outcome = await promise.then(() => null, (e: unknown) => e);
  expect(outcome).toBeInstanceOf(Refusal);
  return outcome as Refusal;
}

describe.each(DATABASES)("refused operations on $name", (kind) => {
  let database: TestDatabase;
  let setup: Awaited<ReturnType<typeof setupEngine>>;
  let engine: Engine;
  let draftId: string;
  let submittedId: string;

  beforeAll(async () => {
    database = await kind.create();
    setup = await setupEngine(database.db);
    engine = setup.engine;
    const application = await completeApplication();
    draftId = (await engine.createDraft({ procedureId: setup.procedureId, organisationId: setup.orgA.id, data: application }, setup.actors.manager)).dossier.id;
    submittedId = (await engine.createDraft({ procedureId: setup.procedureId, organisationId: setup.orgA.id, data: application }, setup.actors.manager)).dossier.id;
    await ownAttachments(engine, submittedId, setup.actors.manager);
    await engine.submit(submittedId, setup.actors.manager);
  });
  afterAll(async () => { await database.cleanup(); });

  async function unchanged(id: string, run: () => Promise<unknown>): Promise<Refusal> {
    const before = await engine.getDossier(id, setup.actors.admin);
    const historyBefore = (await engine.history(id, setup.actors.admin)).length;
    const refusal = await refusalOf(run());
    const after = await engine.getDossier(id, setup.actors.admin);
    expect(after.version).toBe(before.version);
    expect(after.state).toBe(before.state);
    expect(after.data).toEqual(before.data);
    expect((await engine.history(id, setup.actors.admin)).length).toBe(historyBefore);
    return refusal;
  }

  it("an unknown dossier", async () => {
    const refusal = await refusalOf(engine.send("0190aaaa-0000-7000-8000-000000000000", "SUBMIT", {}, setup.actors.manager));
    expect(refusal).toMatchObject({ code: "not_found", message: "Dossier introuvable." });
  });

  it("a manager of another organisation, an instructor of another territory", async () => {
    expect(await unchanged(draftId, () => engine.submit(draftId, setup.actors.otherManager))).toMatchObject({ code: "forbidden", message: "Ce dossier n'appartient pas à votre organisation." });
    expect(await unchanged(submittedId, () => engine.send(submittedId, "START_INSTRUCTION", { caseNumber: "X-1" }, setup.actors.foreignInstructor))).toMatchObject({ code: "forbidden" });
    expect(await refusalOf(engine.getDossier(draftId, setup.actors.otherManager))).toMatchObject({ code: "forbidden" });
  });

  it("an event not possible in the current state", async () => {
    const refusal = await unchanged(draftId, () => engine.send(draftId, "START_INSTRUCTION", { caseNumber: "X-1" }, setup.actors.instructor));
    expect(refusal).toMatchObject({ code: "wrong_state", message: "L'action « Prendre en charge l'instruction » n'est pas possible quand le dossier est à l'état « Brouillon »." });
  });

  it("a role the transition does not allow, including a person sending a timer's event", async () => {
    expect(await unchanged(submittedId, () => engine.send(submittedId, "START_INSTRUCTION", { caseNumber: "X-1" }, setup.actors.manager)))
      .toMatchObject({ code: "role", message: "Le rôle « Gestionnaire » ne permet pas l'action « Prendre en charge l'instruction »." });
    await engine.send(submittedId, "START_INSTRUCTION", { caseNumber: "X-1" }, setup.actors.instructor);
    await engine.send(submittedId, "REQUEST_COMPLEMENTS", { message: "Merci de préciser le projet." }, setup.actors.instructor);
    expect(await unchanged(submittedId, () => engine.send(submittedId, "COMPLEMENTS_OVERDUE", {}, setup.actors.instructor))).toMatchObject({ code: "role" });
  });

  it("an input that fails the action's form, with field pointers", async () => {
    const refusal = await unchanged(submittedId, () => engine.send(submittedId, "ANSWER_COMPLEMENTS", { answer: 42, extra: true }, setup.actors.manager));
    expect(refusal.code).toBe("input");
    expect(refusal.message).toBe("Le formulaire « Réponse à la demande de compléments » contient des erreurs.");
    expect(refusal.reasons).toEqual(expect.arrayContaining([
      expect.objectContaining({ pointers: ["/answer"], message: "doit être de type string" }),
      expect.objectContaining({ pointers: ["/extra"] }),
    ]));
    expect(await unchanged(draftId, () => engine.send(draftId, "WITHDRAW", { why: "x" }, setup.actors.manager))).toMatchObject({ code: "input", message: "L'action « Abandonner la candidature » n'attend aucune donnée." });
  });

  it("a guard: incomplete data and failing rules, with pointers and rule messages", async () => {
    const { dossier } = await engine.createDraft({ procedureId: setup.procedureId, organisationId: setup.orgA.id, data: { manager: { legalName: "Commune" } } }, setup.actors.manager);
    const incomplete = await unchanged(dossier.id, () => engine.submit(dossier.id, setup.actors.manager));
    expect(incomplete.code).toBe("guard");
    expect(incomplete.reasons).toContainEqual(expect.objectContaining({ code: "field", pointers: ["/manager/address"], message: "requiert la propriété address" }));

    const application = await completeApplication();
    application.commitments.avipChildrenPerYear = 2;
    application.facilities[0].psuFunded = false;
    await engine.saveDraft(dossier.id, application, setup.actors.manager);
    const rules = await unchanged(dossier.id, () => engine.submit(dossier.id, setup.actors.manager));
    expect(rules.reasons.map((r) => r.rule).sort()).toEqual(["minimumAvipShare", "psuFunding"]);
    expect(rules.reasons.find((r) => r.rule === "minimumAvipShare")).toMatchObject({
      message: "L'engagement de 2 enfant(s) AVIP par an est inférieur au minimum de 4 fixé par la charte.", pointers: ["/commitments/avipChildrenPerYear"],
    });

    // A derogation request waives the derogable rule, not the other.
    application.derogation = { requested: true, argument: "Ouverture d'une nouvelle section en janvier, montée en charge progressive." };
    await engine.saveDraft(dossier.id, application, setup.actors.manager);
    expect((await unchanged(dossier.id, () => engine.submit(dossier.id, setup.actors.manager))).reasons.map((r) => r.rule)).toEqual(["psuFunding"]);
    application.facilities[0].psuFunded = true;
    await engine.saveDraft(dossier.id, application, setup.actors.manager);

    // Its job description names an attachment of no dossier (another dossier's would be refused the same way).
    const foreign = await unchanged(dossier.id, () => engine.submit(dossier.id, setup.actors.manager));
    expect(foreign).toMatchObject({ code: "input", message: "La pièce « att_0000fichedeposte » n'appartient pas à ce dossier." });
    expect(foreign.reasons).toEqual([{ code: "field", message: "La pièce « att_0000fichedeposte » n'appartient pas à ce dossier.", pointers: ["/referent/jobDescription"] }]);
    const draftFile = await engine.addAttachment(draftId, { name: "autre.pdf", bytes: PDF }, setup.actors.manager);
    application.referent.jobDescription = draftFile.id;
    await engine.saveDraft(dossier.id, application, setup.actors.manager);
    expect((await unchanged(dossier.id, () => engine.submit(dossier.id, setup.actors.manager))).reasons[0]).toMatchObject({ message: `La pièce « ${draftFile.id} » n'appartient pas à ce dossier.` });
    await ownAttachments(engine, dossier.id, setup.actors.manager);
    expect((await engine.submit(dossier.id, setup.actors.manager)).dossier.state).toBe("submitted");
  });

  it("a stale expected version is a conflict, never a lost update", async () => {
    const current = await engine.getDossier(draftId, setup.actors.manager);
    const refusal = await unchanged(draftId, () => engine.saveDraft(draftId, { ...current.data, comments: "ancienne version" }, setup.actors.manager, current.version - 1));
    expect(refusal.code).toBe("conflict");
    expect(refusal.message).toContain(`version ${current.version - 1} attendue, version ${current.version} actuelle`);
    expect((await unchanged(draftId, () => engine.submit(draftId, setup.actors.manager, { expectedVersion: current.version + 3 }))).code).toBe("conflict");
  });

  it("data that cannot be edited in the current state, or has the wrong shape", async () => {
    const submitted = await engine.getDossier(submittedId, setup.actors.manager);
    expect(submitted.state).toBe("awaiting_complements");
    const { dossier } = await engine.createDraft({ procedureId: setup.procedureId, organisationId: setup.orgA.id }, setup.actors.manager);
    await engine.withdraw(dossier.id, setup.actors.manager);
    expect(await unchanged(dossier.id, () => engine.saveDraft(dossier.id, {}, setup.actors.manager))).toMatchObject({ code: "not_editable", message: "La candidature n'est pas modifiable quand le dossier est à l'état « Candidature retirée »." });
    const wrongShape = await unchanged(draftId, () => engine.saveDraft(draftId, { facilities: [{ pmiCapacity: "vingt" }], inconnu: 1 }, setup.actors.manager));
    expect(wrongShape.code).toBe("input");
    expect(wrongShape.reasons.map((r) => r.pointers?.[0]).sort()).toEqual(["/facilities/0/pmiCapacity", "/inconnu"]);
    expect((await unchanged(draftId, () => engine.saveDraft(draftId, [1, 2], setup.actors.manager))).code).toBe("input");
    expect((await unchanged(draftId, () => engine.saveDraft(draftId, {}, setup.actors.instructor))).code).toBe("role");
  });

  it("an idempotency key makes a retried request a no-op", async () => {
    const { dossier } = await engine.createDraft({ procedureId: setup.procedureId, organisationId: setup.orgA.id, data: await completeApplication() }, setup.actors.manager);
    await ownAttachments(engine, dossier.id, setup.actors.manager);
    const first = await engine.submit(dossier.id, setup.actors.manager, { idempotencyKey: "submit-attempt-0001" });
    const retry = await engine.submit(dossier.id, setup.actors.manager, { idempotencyKey: "submit-attempt-0001" });
    expect(first.replayed).toBe(false);
    expect(retry).toEqual({ dossier: first.dossier, replayed: true });
    expect((await engine.history(dossier.id, setup.actors.manager)).map((e) => e.event)).toEqual(["CREATE", "ATTACH", "SAVE", "SUBMIT"]);
    expect((await refusalOf(engine.submit(draftId, setup.actors.manager, { idempotencyKey: "submit-attempt-0001" }))).message).toContain("autre requête");
    expect((await refusalOf(engine.submit(draftId, setup.actors.manager, { idempotencyKey: "x" }))).code).toBe("input");
  });
});

describe.each(DATABASES)("concurrency on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await kind.create(); });
  afterAll(async () => { await database.cleanup(); });

  it("two concurrent sends on one dossier: exactly one wins, the other is a conflict", async () => {
    const { engine, actors, orgA, procedureId } = await setupEngine(database.db);
    // On PostgreSQL the second request comes from another server process (its own pool);
    // the embedded SQLite default is one process, whose requests share one connection.
    const other = kind.name === "postgres" ? createEngine({ db: await database.reopen(), clock: () => new Date("2026-06-01T08:00:00Z") }) : engine;
    for (let round = 0; round < 5; round++) {
      const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication() }, actors.manager);
      const owned = await ownAttachments(engine, dossier.id, actors.manager);
      await engine.submit(dossier.id, actors.manager);
      const version = owned.version + 1;
      const results = await Promise.allSettled([
        engine.send(dossier.id, "START_INSTRUCTION", { caseNumber: `A-${round}` }, actors.instructor, { expectedVersion: version }),
        other.send(dossier.id, "WITHDRAW", {}, actors.manager, { expectedVersion: version }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toMatchObject({ code: "conflict" });
      const history = await engine.history(dossier.id, actors.manager);
      expect(history).toHaveLength(5);
      expect((await engine.getDossier(dossier.id, actors.manager)).version).toBe(version + 1);
    }
  });
});
