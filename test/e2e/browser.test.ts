/**
 * The web client in real Chromium, end to end, across the three kinds of
 * people: a manager applies and submits (with autosave across a reload and an
 * attachment), an instructor takes the dossier and asks for complements (a
 * second tab meanwhile gets the conflict message), the manager answers, the
 * committee labels 7 places with a derogation, the manager files the annual
 * report, the committee renews; then an admin opens the package, previews a
 * form, sees the lifecycle, checks an edit and publishes a new version.
 * Every main page is checked with axe-core (no serious or critical
 * violation) and saved as a screenshot under test-results/screenshots/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { completeApplication } from "../helpers/engine-setup";
import { PDF } from "../helpers/files";
import { REPO } from "../helpers/packages";
import { seriousViolations, type AxeFinding } from "./axe";
import { browserSuite, type BrowserSuite } from "./browser-suite";
import { CHROMIUM, NO_CHROMIUM_MESSAGE } from "./chromium";
import { fillField } from "./fill-form";
import { PASSWORD, PEOPLE } from "./guichet-server";

const SHOTS = join(REPO, "test-results", "screenshots");
const FILE = { name: "fiche-de-poste.pdf", mimeType: "application/pdf", buffer: PDF };
if (!CHROMIUM) console.log(NO_CHROMIUM_MESSAGE);

describe.skipIf(!CHROMIUM)("web client in Chromium", () => {
  const suite = browserSuite();
  const accessibility: Array<{ page: string; violations: AxeFinding[] }> = [];
  const scripts: Record<string, Set<string>> = {};
  let dossierUrl = "";

  let guichet: BrowserSuite["guichet"];
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
    guichet = suite.guichet;
  });

  async function signIn(who: keyof typeof PEOPLE): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await suite.newPage(who);
    page.on("request", (r) => { if (r.resourceType() === "script") (scripts[who] ??= new Set()).add(new URL(r.url()).pathname); });
    await page.goto(`${guichet.url}/connexion`);
    await page.fill("#email", PEOPLE[who].email);
    await page.fill("#password", PASSWORD);
    await page.click("form button[type=submit]");
    await page.getByText(PEOPLE[who].name, { exact: false }).first().waitFor();
    return { context, page };
  }

  async function check(page: Page, name: string): Promise<void> {
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    accessibility.push({ page: name, violations: await seriousViolations(page) });
  }

  async function act(page: Page, event: string, schema: Record<string, unknown>, input: Record<string, unknown>, shot?: string): Promise<void> {
    await page.locator(`button[aria-controls="action-${event}"]`).click();
    const form = page.locator(`#action-${event}`);
    // The form renders once its precompiled validator is loaded (a module fetched on first use).
    if (Object.keys(schema.properties ?? {}).length > 0) await form.locator("form").waitFor();
    else await form.waitFor();
    await fillField(page, schema, schema, input, `action_${event}`, FILE);
    if (shot) await check(page, shot);
    await form.locator("button[type=submit]").click();
    await page.getByText("c'est fait", { exact: false }).waitFor();
  }

  it("lets a manager apply and submit, with live values, autosave and an attachment", async () => {
    const { page } = await signIn("manager");
    await page.getByRole("heading", { name: "Appels à candidatures" }).waitFor();
    await check(page, "01-manager-home");
    await page.getByRole("button", { name: "Déposer une candidature" }).click();
    await page.locator("#root_manager_legalName").waitFor();

    const application = await completeApplication();
    application.commitments.avipChildrenPerYear = 3;
    application.derogation = { requested: true, argument: "Montée en charge progressive : 3 enfants la première année, 4 ensuite, avec le CCAS." };
    const procedure = await (await fetch(`${guichet.url}/api/procedures/avip-puy-de-dome`)).json() as { forms: Record<string, { schema: Record<string, unknown>; uiSchema: Record<string, unknown> }>; applicationForm: string };
    const schema = procedure.forms[procedure.applicationForm]!.schema;
    const titles = schema.properties as Record<string, { title?: string }>;

    // First section, then a reload: the autosave kept it.
    await fillField(page, titles.manager!, schema, application.manager, "root_manager", FILE);
    await page.locator('[data-save-status="saved"]').waitFor({ timeout: 10_000 });
    await page.reload();
    await expect.poll(() => page.inputValue("#root_manager_legalName")).toBe(application.manager.legalName);

    for (const [section, value] of Object.entries(application)) {
      if (section === "manager") continue;
      await page.locator("nav.fr-sidemenu button", { hasText: titles[section]!.title! }).first().click();
      await fillField(page, titles[section]!, schema, value, `root_${section}`, FILE);
      if (section === "facilities") await check(page, "02-application-facilities");
    }
    // Live values: 20 places → at least 4 AVIP children (20 %), the 3 declared fail the rule.
    await expect.poll(() => page.locator('[data-computed="minimumAvipChildren"]').textContent()).toBe("4");
    await page.locator("nav.fr-sidemenu button", { hasText: "Vérification et dépôt" }).click();
    await page.getByText("Le formulaire est complet.").waitFor();
    await check(page, "03-application-check-and-submit");
    await page.getByRole("button", { name: "Déposer ma candidature" }).click();
    await page.getByRole("heading", { name: "Votre candidature est déposée" }).waitFor();
    await check(page, "04-receipt");
    dossierUrl = page.url().replace(/\/recepisse$/, "");
  }, 240_000);

  it("lets an instructor take the dossier and ask for complements; a second tab is told of the change", async () => {
    const { context, page } = await signIn("instructor");
    await page.getByRole("heading", { name: "Dossiers" }).waitFor();
    await page.fill("#q", "lutins");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByRole("link", { name: "Commune de Thiers" }).waitFor();
    await check(page, "05-instructor-queue");
    const stale = await context.newPage();
    await stale.goto(dossierUrl);
    await page.getByRole("link", { name: "Commune de Thiers" }).click();
    await page.getByRole("heading", { name: "Actions possibles" }).waitFor();
    const forms = (await (await fetch(`${guichet.url}/api/procedures/avip-puy-de-dome`)).json() as { forms: Record<string, { schema: Record<string, unknown> }> }).forms;
    await act(page, "START_INSTRUCTION", forms.instructionStart!.schema, { caseNumber: "AVIP-63-2026-001" }, "06-instructor-dossier-action");
    await stale.locator('button[aria-controls="action-START_INSTRUCTION"]').click();
    await stale.fill("#action_START_INSTRUCTION_caseNumber", "AVIP-63-2026-002");
    await stale.locator("#action-START_INSTRUCTION button[type=submit]").click();
    await stale.getByText("Quelqu'un d'autre a modifié ce dossier").waitFor();
    await act(page, "REQUEST_COMPLEMENTS", forms.complementsRequest!.schema, { message: "Merci de joindre la convention avec le CCAS." });
    await page.getByText("Demande de compléments", { exact: false }).first().waitFor();
  }, 120_000);

  it("lets the manager answer, the instructor refer, the committee label the crèche's places (prefilled from the dossier) with a derogation", async () => {
    const forms = (await (await fetch(`${guichet.url}/api/procedures/avip-puy-de-dome`)).json() as { forms: Record<string, { schema: Record<string, unknown> }> }).forms;
    const manager = await signIn("manager");
    await manager.page.goto(dossierUrl);
    await act(manager.page, "ANSWER_COMPLEMENTS", forms.complementsAnswer!.schema, { answer: "Convention jointe, signée le 12 juin." });
    const instructor = await signIn("instructor");
    await instructor.page.goto(dossierUrl);
    await act(instructor.page, "REFER_TO_COMMITTEE", forms.committeeReferral!.schema, { opinion: "Favorable avec réserves", summary: "Projet solide, montée en charge à suivre." });
    guichet.clock.set("2026-09-20T14:00:00Z");
    const committee = await signIn("committee");
    await committee.page.goto(dossierUrl);
    // The places per facility, the total and the referent's figures come prefilled from the dossier; the committee sets the start and the derogation.
    await committee.page.locator('button[aria-controls="action-GRANT_LABEL"]').click();
    await expect.poll(() => committee.page.inputValue("#action_GRANT_LABEL_facilities_0_siret")).toBe("20063000600019");
    await committee.page.locator('button[aria-controls="action-GRANT_LABEL"]').click();
    await act(committee.page, "GRANT_LABEL", forms.labelDecision!.schema, { startDate: "2026-10-01", derogation: { granted: true, kind: "flexibility", reason: "Montée en charge sur deux ans acceptée." } }, "07-committee-decision-form");
    await committee.page.getByRole("heading", { name: "Années de label et financement" }).waitFor();
    await expect.poll(() => committee.page.locator("table", { hasText: "30 septembre 2027" }).textContent()).toMatch(/14\s500\s€/);
    await check(committee.page, "08-labelled-dossier");
  }, 120_000);

  it("lets the manager file the annual report, the instructor record the follow-up committee with its minutes, and the committee renew the label", async () => {
    const forms = (await (await fetch(`${guichet.url}/api/procedures/avip-puy-de-dome`)).json() as { forms: Record<string, { schema: Record<string, unknown> }> }).forms;
    guichet.clock.set("2027-02-15T10:00:00Z");
    const manager = await signIn("manager");
    await manager.page.goto(dossierUrl);
    await act(manager.page, "FILE_REPORT", forms.annualReport!.schema, {
      year: 2026, childrenWelcomed: 6, hoursDelivered: 3200,
      parentOutcomes: { employment: 2, training: 1, socialSupport: 2, republicanIntegration: 1 },
      priorityPublics: { singleParents: 3, qpvResidents: 4, zrrResidents: 0 }, followUpsHeld: 12, questionnaireCompleted: true,
    }, "09-manager-annual-report");
    // The annual follow-up committee, recorded by the instructor with its minutes: the year shows it, the next ones not yet.
    const instructor = await signIn("instructor");
    await instructor.page.goto(dossierUrl);
    await act(instructor.page, "RECORD_FOLLOW_UP", forms.followUpCommittee!.schema, {
      date: "2027-02-10", participants: [{ fullName: "Claire Roux", institution: "Caf" }, { fullName: "Paul Vidal", institution: "DDETS" }], minutes: "compte-rendu.pdf",
    });
    await expect.poll(() => instructor.page.locator("table", { hasText: "Comité de suivi annuel" }).locator("tbody tr").first().textContent()).toMatch(/Enregistré le/);
    guichet.clock.set("2027-03-10T10:00:00Z");
    const committee = await signIn("committee");
    await committee.page.goto(dossierUrl);
    await act(committee.page, "RENEW", forms.renewalDecision!.schema, { assessment: "Bilan positif." });
    const id = dossierUrl.split("/").pop()!;
    const dossier = await guichet.setup.engine.getDossier(id, guichet.setup.actors.committee);
    expect(dossier.state).toBe("renewed");
    expect((await guichet.setup.engine.cycles(id, guichet.setup.actors.committee)).map((c) => c.starts_on)).toEqual(["2026-10-01", "2027-10-01", "2028-10-01"]);
    await expect.poll(() => committee.page.locator("table", { hasText: "Comité de suivi annuel" }).locator("tbody tr").nth(1).textContent()).toMatch(/Non enregistré/);
    await check(committee.page, "10-renewed-dossier");
  }, 120_000);

  it("lets an admin preview a form, see the lifecycle, check an edit and publish a new version", async () => {
    const { page } = await signIn("admin");
    await page.getByRole("heading", { name: "Paquets de procédure" }).waitFor();
    await page.getByRole("button", { name: "Ouvrir dans l'éditeur" }).first().click();
    await page.locator(".cm-content").first().waitFor();
    await check(page, "11-admin-editor");
    await page.getByRole("tab", { name: "Cycle de vie" }).click();
    await page.locator('svg[role="img"]').waitFor();
    await check(page, "12-admin-lifecycle");
    await page.getByRole("tab", { name: "Aperçu du formulaire" }).click();
    await page.locator("#preview_manager_legalName").waitFor();
    await check(page, "13-admin-form-preview");
    await page.getByRole("tab", { name: "Éditeur" }).click();
    await page.locator("nav.fr-sidemenu button", { hasText: "rules.json" }).click();
    await page.locator(".cm-content").first().click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("x");
    await page.getByRole("button", { name: "Vérifier le paquet" }).click();
    await page.getByText("problème(s) : le paquet ne peut pas être publié", { exact: false }).waitFor();
    await page.keyboard.press("Control+z");
    // A real change (the content hash ignores layout): the manifest's title, 4th line.
    await page.locator("nav.fr-sidemenu button", { hasText: "manifest.json" }).click();
    await page.locator(".cm-content").first().click();
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.type(" (2027)");
    await page.getByRole("button", { name: /Publier une nouvelle version/ }).click();
    await page.getByText("Nouvelle version publiée", { exact: false }).waitFor();
    await expect.poll(() => page.locator("table", { hasText: "Empreinte" }).locator("tbody tr").count()).toBe(2);
  }, 120_000);

  it("never sends a manager the admin workspace's code (code splitting)", () => {
    const editor = /\/assets\/(admin-page|json-file-editor|lifecycle-diagram|codemirror)-/;
    expect([...scripts.manager!].filter((path) => editor.test(path))).toEqual([]);
    expect([...scripts.admin!].filter((path) => editor.test(path)).length).toBeGreaterThanOrEqual(3);
    expect([...scripts.manager!].some((path) => /\/forms\/application\/validator\.js$/.test(path))).toBe(true);
  });

  it("shows no serious or critical accessibility violation and no page error", () => {
    expect(accessibility.filter((a) => a.violations.length > 0)).toEqual([]);
    expect(accessibility.length).toBeGreaterThanOrEqual(12);
    expect(suite.pageErrors).toEqual([]);
  });
});
