/**
 * Structured filters on the listing (the package's `search.filters`): one or
 * several fields, values found in any item of a list, accents and case
 * ignored, combined with state and text, counts per state that respect them,
 * undeclared fields refused, tokens kept in step with the data, rows that
 * predate the column reindexed in batches, and every dossier reindexed with
 * the filters of a newly published version.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPackageDir } from "../../server/config/read-package-dir";
import type { FieldFilter } from "../../server/dossiers/list-dossiers";
import type { Actor } from "../../server/engine/decide-transition";
import { compileProcedure } from "../../server/engine/compile-procedure";
import { DATABASES, type TestDatabase } from "../helpers/databases";
import { completeApplication, ownAttachments, setupEngine } from "../helpers/engine-setup";
import { DEFAULT_PACKAGE_DIR, loadOk } from "../helpers/packages";

describe("a procedure's filters", () => {
  it("have a label (the manifest's, else the field's title), a kind, and the allowed values of a list or a boolean", async () => {
    const filters = compileProcedure(await loadOk(DEFAULT_PACKAGE_DIR)).searchFilters;
    expect(filters.map((f) => [f.field, f.label, f.kind])).toEqual([
      ["facilities.town", "Commune de l'établissement", "string"],
      ["facilities.qpv", "Établissement en quartier prioritaire de la politique de la ville (QPV)", "boolean"],
      ["facilities.facilityType", "Type d'EAJE", "string"],
      ["applicantKind", "Nature de la candidature", "string"],
    ]);
    expect(filters[0]!.options).toBeUndefined();
    expect(filters[1]!.options).toEqual([{ value: true, label: "Oui" }, { value: false, label: "Non" }]);
    expect(filters[2]!.options).toContainEqual({ value: "Micro-crèche", label: "Micro-crèche" });
    expect(filters[3]!.options).toEqual([
      { value: "facilities", label: "Gestionnaire d'un ou plusieurs établissements d'accueil du jeune enfant (EAJE), y compris un réseau de crèches" },
      { value: "network", label: "Réseau d'assistants maternels (au moins deux professionnels), avec ou sans crèches" },
    ]);
  });
});

type Facility = { town: string; qpv: boolean; facilityType: string; name: string };

describe.each(DATABASES)("filtering dossiers by declared fields on $name", (kind) => {
  let database: TestDatabase;
  let setup: Awaited<ReturnType<typeof setupEngine>>;
  const ids: Record<string, string> = {};

  const list = (filters: FieldFilter[], extra: { state?: string; text?: string } = {}, actor: Actor = setup.actors.instructor) =>
    setup.engine.list({ procedureId: setup.procedureId, filters, ...extra }, actor);
  const found = async (filters: FieldFilter[], extra: { state?: string; text?: string } = {}) =>
    (await list(filters, extra)).items.map((d) => d.id).sort();
  const named = (...names: string[]) => names.map((n) => ids[n]!).sort();

  beforeAll(async () => {
    database = await kind.create();
    setup = await setupEngine(database.db);
    const { engine, actors, orgA, orgB, procedureId } = setup;
    const base = await completeApplication();
    const create = async (name: string, facilities: Facility[], options: { org?: "A" | "B"; applicantKind?: string; submit?: boolean; review?: boolean } = {}) => {
      const data = structuredClone(base);
      data.facilities = facilities.map((f) => ({ ...structuredClone(base.facilities[0]), ...f }));
      data.commitments.avipChildrenPerYear = 10 * facilities.length; // the charter's minimum grows with the capacity
      if (options.applicantKind) data.applicantKind = options.applicantKind;
      const [org, manager] = options.org === "B" ? [orgB, actors.otherManager] : [orgA, actors.manager];
      const { dossier } = await engine.createDraft({ procedureId, organisationId: org.id, data }, manager);
      if (options.submit) {
        await ownAttachments(engine, dossier.id, manager);
        await engine.submit(dossier.id, manager);
      }
      if (options.review) await engine.send(dossier.id, "START_INSTRUCTION", { caseNumber: `F-${name}` }, actors.instructor);
      ids[name] = dossier.id;
    };
    await create("clermontQpv", [{ name: "Les Lutins", town: "Clermont-Ferrand", qpv: true, facilityType: "Multi-accueil" }]);
    await create("twoFacilities", [
      { name: "Les Petits Loups", town: "Thiers", qpv: false, facilityType: "Micro-crèche" },
      { name: "Les Hirondelles", town: "Cébazat", qpv: true, facilityType: "Multi-accueil" },
    ], { submit: true });
    await create("riom", [{ name: "Pomme d'Api", town: "Riom", qpv: false, facilityType: "Crèche collective" }], { org: "B", submit: true, review: true });
    await create("clermontUpper", [{ name: "Arc-en-ciel", town: "CLERMONT-FERRAND", qpv: false, facilityType: "Multi-accueil" }], { submit: true });
    await create("network", [{ name: "Les Câlins", town: "Issoire", qpv: false, facilityType: "Crèche familiale" }], { org: "B", applicantKind: "network" });
    // A value that tries to forge another filter's token.
    await create("forged", [{ name: "Les Malins", town: "Vichy|facilities.qpv=true", qpv: false, facilityType: "Halte-garderie" }]);
  });
  afterAll(async () => { await database.cleanup(); });

  it("filters by one field, ignoring accents and case", async () => {
    expect(await found([{ field: "facilities.qpv", value: "true" }])).toEqual(named("clermontQpv", "twoFacilities"));
    expect(await found([{ field: "facilities.town", value: "Clermont-Ferrand" }])).toEqual(named("clermontQpv", "clermontUpper"));
    expect(await found([{ field: "facilities.town", value: "  clermont-ferrand " }])).toEqual(named("clermontQpv", "clermontUpper"));
    expect(await found([{ field: "facilities.town", value: "CEBAZAT" }])).toEqual(named("twoFacilities"));
    expect(await found([{ field: "facilities.facilityType", value: "creche collective" }])).toEqual(named("riom"));
    expect(await found([{ field: "applicantKind", value: "network" }])).toEqual(named("network"));
    // Whole values only: a prefix or a part of a value matches nothing.
    expect(await found([{ field: "facilities.town", value: "Clermont" }])).toEqual([]);
    expect(await found([{ field: "facilities.facilityType", value: "crèche" }])).toEqual([]);
  });

  it("requires every filter to match", async () => {
    expect(await found([{ field: "facilities.town", value: "Clermont-Ferrand" }, { field: "facilities.qpv", value: "true" }])).toEqual(named("clermontQpv"));
    expect(await found([{ field: "facilities.qpv", value: "false" }, { field: "applicantKind", value: "facilities" }])).toEqual(named("twoFacilities", "riom", "clermontUpper", "forged"));
    expect(await found([{ field: "facilities.town", value: "Riom" }, { field: "facilities.qpv", value: "true" }])).toEqual([]);
  });

  it("finds a dossier by the value of any item of a list", async () => {
    expect(await found([{ field: "facilities.town", value: "Thiers" }])).toEqual(named("twoFacilities"));
    expect(await found([{ field: "facilities.town", value: "Cébazat" }])).toEqual(named("twoFacilities"));
    expect(await found([{ field: "facilities.qpv", value: "false" }, { field: "facilities.qpv", value: "true" }])).toEqual(named("twoFacilities"));
    // Filters apply to the dossier: two of them may be met by two different items.
    expect(await found([{ field: "facilities.town", value: "Thiers" }, { field: "facilities.qpv", value: "true" }])).toEqual(named("twoFacilities"));
  });

  it("cannot be fooled by a value that contains a token", async () => {
    expect(await found([{ field: "facilities.qpv", value: "true" }])).not.toContain(ids.forged);
    expect(await found([{ field: "facilities.town", value: "Vichy|facilities.qpv=true" }])).toEqual(named("forged"));
  });

  it("combines with the state and the text, and counts per state respect the filters", async () => {
    expect(await found([{ field: "facilities.qpv", value: "true" }], { state: "submitted" })).toEqual(named("twoFacilities"));
    expect(await found([{ field: "facilities.facilityType", value: "Multi-accueil" }], { text: "lutins" })).toEqual(named("clermontQpv"));
    expect(await found([{ field: "facilities.facilityType", value: "Multi-accueil" }], { text: "hirondelles", state: "draft" })).toEqual([]);
    expect((await list([{ field: "facilities.qpv", value: "true" }])).countsByState).toEqual({ draft: 1, submitted: 1 });
    expect((await list([{ field: "facilities.qpv", value: "true" }], { state: "submitted" })).countsByState).toEqual({ draft: 1, submitted: 1 });
    expect((await list([{ field: "facilities.town", value: "clermont-ferrand" }], { text: "arc-en-ciel" })).countsByState).toEqual({ submitted: 1 });
    expect((await list([{ field: "facilities.qpv", value: "false" }])).countsByState).toEqual({ draft: 2, submitted: 2, under_review: 1 });
    expect((await list([{ field: "facilities.town", value: "Paris" }])).countsByState).toEqual({});
  });

  it("shows a manager only their organisation's dossiers", async () => {
    const page = await list([{ field: "facilities.qpv", value: "false" }], {}, setup.actors.otherManager);
    expect(page.items.map((d) => d.id).sort()).toEqual(named("riom", "network"));
    expect(page.countsByState).toEqual({ draft: 1, under_review: 1 });
  });

  it("refuses a field the procedure does not declare as a filter, an empty value, and filters without a procedure", async () => {
    const refused = list([{ field: "facilities.qpv", value: "true" }, { field: "facilities.name", value: "Les Lutins" }]);
    await expect(refused).rejects.toMatchObject({ code: "input", reasons: [{ pointers: ["?/filter/1"] }] });
    await expect(refused).rejects.toThrow(/facilities\.name.*facilities\.town/);
    await expect(list([{ field: "facilities.town", value: "  " }])).rejects.toMatchObject({ code: "input", reasons: [{ pointers: ["?/filter/0"] }] });
    await expect(setup.engine.list({ filters: [{ field: "facilities.qpv", value: "true" }] }, setup.actors.manager)).rejects.toMatchObject({ code: "input" });
  });

  it("keeps the tokens in step when the application is saved", async () => {
    const dossier = await setup.engine.getDossier(ids.clermontQpv!, setup.actors.manager);
    const data = structuredClone(dossier.data) as Record<string, any>;
    data.facilities[0].town = "Aubière";
    await setup.engine.saveDraft(dossier.id, data, setup.actors.manager, dossier.version);
    expect(await found([{ field: "facilities.town", value: "aubiere" }])).toEqual(named("clermontQpv"));
    expect(await found([{ field: "facilities.town", value: "Clermont-Ferrand" }])).toEqual(named("clermontUpper"));
  });

  it("reindexes, in batches, the dossiers stored before the filters existed", async () => {
    const before = await found([{ field: "facilities.qpv", value: "true" }]);
    await sql`update dossiers set filter_text = null`.execute(database.db.kysely);
    expect(await found([{ field: "facilities.qpv", value: "true" }])).toEqual([]);
    expect(await setup.engine.reindexFilters(4)).toBe(Object.keys(ids).length);
    expect(await found([{ field: "facilities.qpv", value: "true" }])).toEqual(before);
    expect(await setup.engine.reindexFilters(4)).toBe(0);
    const { rows } = await sql<{ n: number }>`select count(*) as n from dossiers where filter_text is null`.execute(database.db.kysely);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it("indexes every dossier with the filters of the procedure's latest version, reindexing them when it declares others", async () => {
    const files = await readPackageDir(DEFAULT_PACKAGE_DIR);
    const manifest = JSON.parse(files["manifest.json"]!);
    manifest.search.filters = [{ field: "facilities.psuFunded" }, { field: "facilities.town" }];
    const published = await setup.engine.publish({ ...files, "manifest.json": JSON.stringify(manifest) }, "admin-test");
    expect(published.created).toBe(true);
    expect((await setup.engine.getDossier(ids.riom!, setup.actors.instructor)).versionId).not.toBe(published.versionId);
    expect(await found([{ field: "facilities.psuFunded", value: "true" }])).toEqual(Object.values(ids).sort());
    expect(await found([{ field: "facilities.town", value: "riom" }])).toEqual(named("riom"));
    await expect(list([{ field: "facilities.qpv", value: "true" }])).rejects.toMatchObject({ code: "input", reasons: [{ pointers: ["?/filter/0"] }] });
    // A dossier saved on its older version takes the latest filters too.
    const dossier = await setup.engine.getDossier(ids.forged!, setup.actors.manager);
    const data = structuredClone(dossier.data) as Record<string, any>;
    data.facilities[0].psuFunded = false;
    await setup.engine.saveDraft(dossier.id, data, setup.actors.manager, dossier.version);
    expect(await found([{ field: "facilities.psuFunded", value: "false" }])).toEqual(named("forged"));
  });
});
