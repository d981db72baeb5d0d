/**
 * People in real Chromium, with the emails they receive over SMTP: a new
 * crèche creates its account and organisation and brings in a colleague who
 * edits the same draft; an admin invites an instructor; someone resets a
 * forgotten password with the keyboard only; eight days later (the movable
 * clock) an unanswered invitation has expired. Each new page is checked with
 * axe-core (no serious or critical violation) and saved as a screenshot
 * (test-results/screenshots/people-*.png).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ParsedMail } from "mailparser";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { recipientsOf } from "../helpers/mailbox";
import { REPO } from "../helpers/packages";
import { seriousViolations, type AxeFinding } from "./axe";
import { browserSuite, type BrowserSuite } from "./browser-suite";
import { CHROMIUM, NO_CHROMIUM_MESSAGE } from "./chromium";
import { PASSWORD, PEOPLE } from "./guichet-server";

const SHOTS = join(REPO, "test-results", "screenshots");
const CRECHE = { email: "direction@creche-des-lutins.test", name: "Delphine Direction", password: "une crèche pleine de lutins" };
const COLLEAGUE = { email: "educatrice@creche-des-lutins.test", name: "Élise Éducatrice", password: "les lutins font la sieste" };
const INSTRUCTOR = { email: "nouvel.instructeur@caf63.test", name: "Noé Nouvel", password: "instruire avec bienveillance" };
const ORGANISATION = { name: "Crèche des Lutins", siretTyped: "413 927 187 00018", legalStatus: "Association" };
if (!CHROMIUM) console.log(NO_CHROMIUM_MESSAGE);

describe.skipIf(!CHROMIUM)("people: accounts, organisations and invitations in Chromium", () => {
  const suite = browserSuite();
  const accessibility: Array<{ page: string; violations: AxeFinding[] }> = [];
  const scripts: Record<string, Set<string>> = {};
  let guichet: BrowserSuite["guichet"];
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
    guichet = suite.guichet;
  });

  async function open(who: string): Promise<Page> {
    const { page } = await suite.newPage(who);
    page.on("request", (r) => { if (r.resourceType() === "script") (scripts[who] ??= new Set()).add(new URL(r.url()).pathname); });
    return page;
  }

  async function check(page: Page, name: string): Promise<void> {
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: join(SHOTS, `people-${name}.png`), fullPage: true });
    accessibility.push({ page: name, violations: await seriousViolations(page) });
  }

  /** The next email to `to` whose subject matches, as it arrived over SMTP. */
  function mailTo(to: string, subject?: RegExp): Promise<ParsedMail> {
    return guichet.mailbox.waitFor((m) => recipientsOf(m).includes(to) && (!subject || subject.test(m.subject ?? "")), 20_000);
  }

  /** The n-th email (from 1) that reached `to`. */
  async function nthMailTo(to: string, n: number): Promise<ParsedMail> {
    const mine = () => guichet.mailbox.messages.filter((m) => recipientsOf(m).includes(to));
    await expect.poll(() => mine().length, { timeout: 20_000, message: `${n} courriel(s) pour ${to}` }).toBeGreaterThanOrEqual(n);
    return mine()[n - 1]!;
  }

  /** An email's link, opened in the browser on the test's server; the token must leave the address bar. */
  async function follow(page: Page, mail: ParsedMail, path: string): Promise<void> {
    const link = new URL(guichet.mailbox.linkIn(mail));
    expect(link.pathname).toBe(path);
    expect(link.hash.length).toBeGreaterThan(20);
    await page.goto(`${guichet.url}${link.pathname}${link.hash}`);
    await page.locator("main h1").waitFor();
    await expect.poll(() => new URL(page.url()).hash).toBe("");
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${guichet.url}/connexion`);
    await page.fill("#email", email);
    await page.fill("#password", password);
    await page.click("form button[type=submit]");
  }

  async function isFocused(page: Page, selector: string, hasText?: string | RegExp): Promise<boolean> {
    return (await page.locator(`:is(${selector}):focus`, hasText ? { hasText } : {}).count()) > 0;
  }

  async function tabTo(page: Page, selector: string, hasText?: string | RegExp): Promise<void> {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      if (await isFocused(page, selector, hasText)) return;
    }
    throw new Error(`${selector} not reached with Tab`);
  }

  async function expectFocus(page: Page, selector: string, hasText?: string | RegExp): Promise<void> {
    await expect.poll(() => isFocused(page, selector, hasText), { timeout: 5_000, message: `focus on ${selector} ${hasText ?? ""}` }).toBe(true);
  }

  it("lets a new crèche sign up, create its organisation and bring in a colleague who edits the same draft", async () => {
    const page = await open("creche");
    await page.goto(`${guichet.url}/connexion`);
    await page.getByRole("link", { name: "Mot de passe oublié ?" }).waitFor();
    await check(page, "01-login");
    await page.getByRole("link", { name: "Créer un compte" }).click();
    await page.getByRole("heading", { level: 1, name: "Créer un compte" }).waitFor();
    // A wrong address is said next to the field, and the summary takes the focus.
    await page.fill("#signup_email", "direction-creche");
    await page.click("form button[type=submit]");
    await page.locator("#signup_email-error").waitFor();
    expect(await page.getAttribute("#signup_email", "aria-describedby")).toBe("signup_email-error");
    await expectFocus(page, ".fr-alert--error");
    await page.fill("#signup_email", CRECHE.email);
    await page.click("form button[type=submit]");
    await page.getByRole("heading", { name: "Consultez votre messagerie" }).waitFor();
    await expectFocus(page, ".fr-alert--success");
    await check(page, "02-signup-sent");

    const welcome = await mailTo(CRECHE.email);
    expect(welcome.subject).toMatch(/compte|inscription|adresse/i);
    expect(welcome.text).toMatch(/Guichet/);
    await follow(page, welcome, "/inscription/verifier");
    await expect.poll(() => page.inputValue("#verify_email")).toBe(CRECHE.email);
    await page.fill("#verify_displayName", CRECHE.name);
    await page.fill("#verify_password", "trop court");
    await page.fill("#verify_confirmation", "trop court");
    await page.click("form button[type=submit]");
    await page.getByText("Le mot de passe doit compter au moins 12 caractères.").first().waitFor();
    await check(page, "03-signup-password");
    await page.fill("#verify_password", CRECHE.password);
    await page.fill("#verify_confirmation", CRECHE.password);
    await page.click("form button[type=submit]");
    await page.waitForURL(/\/organisation$/);
    await page.getByRole("heading", { name: "Créer l'organisation" }).waitFor();
    await page.getByText(CRECHE.name, { exact: false }).first().waitFor();
    await check(page, "04-organisation-choice");

    // The home page sends a person without an organisation there too.
    await page.getByRole("link", { name: "Mes dossiers" }).click();
    await page.getByRole("link", { name: "Créer ou rejoindre une organisation" }).click();
    await page.fill("#create_name", ORGANISATION.name);
    await page.fill("#create_siret", ORGANISATION.siretTyped);
    await page.selectOption("#create_legalStatus", { label: ORGANISATION.legalStatus });
    await page.selectOption("#create_territoryCode", "63");
    await page.getByRole("button", { name: "Créer l'organisation" }).click();
    await page.getByRole("heading", { name: ORGANISATION.name }).waitFor();
    const members = page.locator("table", { hasText: "Membres de l'organisation" });
    await expect.poll(() => members.locator("tbody tr").first().textContent()).toMatch(new RegExp(`${CRECHE.name}.*${CRECHE.email}.*Responsable`));
    await expect.poll(() => page.locator("dl").textContent()).toContain("413 927 187 00018");

    await page.fill("#invite_email", COLLEAGUE.email);
    await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await page.getByRole("heading", { name: "Invitation envoyée" }).waitFor();
    await page.locator("table", { hasText: "Invitations en attente" }).getByText(COLLEAGUE.email).waitFor();
    await check(page, "05-organisation-owner");

    const invitation = await mailTo(COLLEAGUE.email);
    expect(invitation.text).toContain(ORGANISATION.name);
    const colleague = await open("colleague");
    await follow(colleague, invitation, "/invitation");
    await colleague.getByText(`pour l'organisation ${ORGANISATION.name}`, { exact: false }).waitFor();
    await expect.poll(() => colleague.inputValue("#invitation_email")).toBe(COLLEAGUE.email);
    await check(colleague, "06-invitation");
    await colleague.fill("#invitation_displayName", COLLEAGUE.name);
    await colleague.fill("#invitation_password", COLLEAGUE.password);
    await colleague.fill("#invitation_confirmation", COLLEAGUE.password);
    await colleague.click("form button[type=submit]");
    await colleague.getByRole("heading", { level: 1, name: "Mes dossiers" }).waitFor();
    await colleague.getByRole("heading", { name: "Dossiers de mon organisation" }).waitFor();

    // The first person starts a draft; the colleague opens the same draft and edits it.
    await page.getByRole("link", { name: "Mes dossiers" }).click();
    await page.getByRole("button", { name: "Déposer une candidature" }).click();
    await page.locator("#root_manager_legalName").fill("Association Les Lutins");
    await page.locator('[data-save-status="saved"]').waitFor({ timeout: 10_000 });
    const dossierId = /\/dossiers\/([^/]+)\/candidature/.exec(page.url())![1]!;

    await colleague.reload();
    await colleague.locator(`a[href="/dossiers/${dossierId}"]`).click();
    await colleague.getByRole("link", { name: "Continuer ma candidature" }).click();
    await expect.poll(() => colleague.inputValue("#root_manager_legalName")).toBe("Association Les Lutins");
    await colleague.locator("#root_manager_legalName").fill("Association Les Lutins de Thiers");
    await colleague.locator('[data-save-status="saved"]').waitFor({ timeout: 10_000 });
    await colleague.goto(`${guichet.url}/dossiers/${dossierId}`);
    const history = colleague.locator("section", { has: colleague.getByRole("heading", { name: "Historique" }) });
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain(COLLEAGUE.name);
    expect(await history.textContent()).toContain(CRECHE.name);
    await check(colleague, "07-dossier-history");

    await page.goto(`${guichet.url}/dossiers/${dossierId}/candidature`);
    await expect.poll(() => page.inputValue("#root_manager_legalName")).toBe("Association Les Lutins de Thiers");

    // The colleague's own page and the organisation seen by a member.
    await colleague.getByRole("link", { name: /Mon compte/ }).click();
    await colleague.getByRole("heading", { level: 1, name: "Mon compte" }).waitFor();
    await expect.poll(() => colleague.locator("dl").textContent()).toMatch(/Gestionnaire — Membre/);
    await check(colleague, "08-account");
    await colleague.fill("#password_currentPassword", COLLEAGUE.password);
    await colleague.fill("#password_newPassword", "une nouvelle phrase pour la sieste");
    await colleague.fill("#password_confirmation", "une nouvelle phrase pour la sieste");
    await colleague.getByRole("button", { name: "Changer de mot de passe" }).click();
    await colleague.getByRole("heading", { name: "Mot de passe modifié" }).waitFor();
    await expectFocus(colleague, ".fr-alert--success");
    expect(await colleague.inputValue("#password_currentPassword")).toBe("");
    await colleague.getByRole("link", { name: "Mon organisation" }).first().click();
    await colleague.getByRole("button", { name: "Quitter l'organisation" }).waitFor();
    expect(await colleague.getByRole("button", { name: /Retirer/ }).count()).toBe(0);
  }, 240_000);

  it("lets a person who knows the SIRET ask to join, and an owner accept", async () => {
    const owner = await open("owner");
    await signIn(owner, CRECHE.email, CRECHE.password);
    await owner.getByRole("heading", { level: 1, name: "Mes dossiers" }).waitFor();
    // A third person signs up, finds the crèche by its SIRET, asks to join.
    const third = await open("third");
    await third.goto(`${guichet.url}/inscription`);
    await third.fill("#signup_email", "cuisine@creche-des-lutins.test");
    await third.click("form button[type=submit]");
    await follow(third, await mailTo("cuisine@creche-des-lutins.test"), "/inscription/verifier");
    await third.fill("#verify_displayName", "Corentin Cuisine");
    await third.fill("#verify_password", "des repas pour les lutins");
    await third.fill("#verify_confirmation", "des repas pour les lutins");
    await third.click("form button[type=submit]");
    await third.waitForURL(/\/organisation$/);
    await third.fill("#join_siret", "41392718700018");
    await third.getByRole("button", { name: "Rechercher" }).click();
    await third.getByText(ORGANISATION.name, { exact: false }).first().waitFor();
    await third.fill("#join_message", "Je prépare les repas depuis septembre.");
    await third.getByRole("button", { name: "Demander à rejoindre" }).click();
    await third.getByRole("heading", { name: "Demande envoyée, en attente de la réponse des responsables" }).waitFor();
    await check(third, "09-join-request-sent");
    // Back on the page later: the pending request (not the create-or-join choice), with a way to withdraw it.
    await third.reload();
    await third.getByRole("heading", { name: new RegExp(`^Demande envoyée à ${ORGANISATION.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} le .+ — en attente$`) }).waitFor();
    expect(await third.getByRole("button", { name: "Retirer ma demande" }).count()).toBe(1);
    expect(await third.locator("#join_siret").count()).toBe(0);

    await nthMailTo(CRECHE.email, 2);
    await owner.getByRole("link", { name: "Mon organisation" }).click();
    await owner.getByText("Je prépare les repas depuis septembre.").waitFor();
    await check(owner, "10-join-requests");
    await owner.getByRole("button", { name: "Accepter la demande de Corentin Cuisine" }).click();
    const members = owner.locator("table", { hasText: "Membres de l'organisation" });
    await members.getByRole("cell", { name: "Corentin Cuisine", exact: true }).waitFor();
    await nthMailTo("cuisine@creche-des-lutins.test", 2);
    // Removing a member is confirmed first.
    await owner.getByRole("button", { name: "Retirer Corentin Cuisine" }).click();
    await expectFocus(owner, "p", /Retirer Corentin Cuisine de l'organisation/);
    await owner.getByRole("button", { name: "Confirmer le retrait" }).click();
    await owner.getByText("Corentin Cuisine ne fait plus partie de l'organisation.").waitFor();
    // The success message comes before the list's reload: wait for the row to go (it fails if it stays).
    await members.getByRole("cell", { name: "Corentin Cuisine", exact: true }).waitFor({ state: "detached", timeout: 5_000 });
  }, 180_000);

  it("lets the admin invite an instructor, who accepts in the browser and lands on the queue", async () => {
    const admin = await open("admin");
    await signIn(admin, PEOPLE.admin.email, PASSWORD);
    await admin.getByRole("heading", { name: "Paquets de procédure" }).waitFor();
    await admin.getByRole("link", { name: "Comptes et invitations" }).click();
    await admin.getByRole("heading", { level: 1, name: "Comptes et invitations" }).waitFor();
    await admin.locator("table", { hasText: "Comptes du territoire" }).getByText(PEOPLE.instructor.email).waitFor();
    await admin.selectOption("#admin-invite_role", { label: "Gestionnaire" });
    await admin.locator("#admin-invite_organisationId").waitFor();
    await admin.fill("#admin-invite_email", INSTRUCTOR.email);
    await admin.selectOption("#admin-invite_role", { label: "Instruction" });
    expect(await admin.locator("#admin-invite_organisationId").count()).toBe(0);
    await admin.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await admin.getByRole("heading", { name: "Invitation envoyée" }).waitFor();
    const invitations = admin.locator("table", { hasText: "Invitations du territoire" });
    await expect.poll(() => invitations.locator("tr", { hasText: INSTRUCTOR.email }).textContent()).toMatch(/Instruction.*En attente/);
    await check(admin, "11-admin-accounts");

    const mail = await mailTo(INSTRUCTOR.email);
    const instructor = await open("new-instructor");
    await follow(instructor, mail, "/invitation");
    await instructor.getByText("« Instruction »", { exact: false }).waitFor();
    await instructor.fill("#invitation_displayName", INSTRUCTOR.name);
    await instructor.fill("#invitation_password", INSTRUCTOR.password);
    await instructor.fill("#invitation_confirmation", INSTRUCTOR.password);
    await instructor.click("form button[type=submit]");
    await instructor.waitForURL(/\/instruction$/);
    await instructor.getByText(INSTRUCTOR.name, { exact: false }).first().waitFor();
    await check(instructor, "12-instructor-queue");

    await admin.reload();
    await expect.poll(() => invitations.locator("tr", { hasText: INSTRUCTOR.email }).textContent()).toMatch(/Acceptée/);
    const row = admin.locator("table", { hasText: "Comptes du territoire" }).locator("tr", { hasText: INSTRUCTOR.email });
    await expect.poll(() => row.textContent()).toMatch(/Instruction.*Actif/);
    // Disabled (confirmed first), then enabled again.
    await row.getByRole("button", { name: `Désactiver ${INSTRUCTOR.name}` }).click();
    await admin.getByRole("button", { name: "Confirmer la désactivation" }).click();
    await expect.poll(() => row.textContent()).toMatch(/Désactivé/);
    await row.getByRole("button", { name: `Réactiver ${INSTRUCTOR.name}` }).click();
    await expect.poll(() => row.textContent()).toMatch(/Actif/);

    // An invitation resent kills the old link; a revoked one is marked so.
    await admin.fill("#admin-invite_email", "comite.bis@avip63.test");
    await admin.selectOption("#admin-invite_role", { label: "Comité" });
    await admin.getByRole("button", { name: "Envoyer l'invitation" }).click();
    const first = await mailTo("comite.bis@avip63.test");
    await admin.getByRole("button", { name: "Renvoyer l'invitation de comite.bis@avip63.test" }).click();
    await admin.getByText("l'ancien lien ne fonctionne plus", { exact: false }).waitFor();
    await nthMailTo("comite.bis@avip63.test", 2);
    const stale = await open("stale-link");
    await stale.goto(`${guichet.url}/invitation${new URL(guichet.mailbox.linkIn(first)).hash}`);
    await stale.getByRole("heading", { name: "Ce lien n'est plus valable" }).waitFor();
    await admin.getByRole("button", { name: "Révoquer l'invitation de comite.bis@avip63.test" }).click();
    await admin.getByRole("button", { name: "Confirmer la révocation" }).click();
    await expect.poll(() => invitations.locator("tr", { hasText: "comite.bis@avip63.test" }).textContent()).toMatch(/Révoquée/);

    // Eight days later (the movable clock), an unanswered invitation has expired: its link is dead, « Renvoyer » sends a new one.
    await admin.fill("#admin-invite_email", "tardif@caf63.test");
    await admin.selectOption("#admin-invite_role", { label: "Instruction" });
    await admin.getByRole("button", { name: "Envoyer l'invitation" }).click();
    const late = await mailTo("tardif@caf63.test");
    guichet.clock.set(new Date(guichet.clock.now.getTime() + 8 * 24 * 3600_000).toISOString());
    const tardif = await open("late-link");
    await tardif.goto(`${guichet.url}/invitation${new URL(guichet.mailbox.linkIn(late)).hash}`);
    await tardif.getByRole("heading", { name: "Ce lien n'est plus valable" }).waitFor();
    await signIn(admin, PEOPLE.admin.email, PASSWORD);
    await admin.getByRole("link", { name: "Comptes et invitations" }).click();
    await expect.poll(() => invitations.locator("tr", { hasText: "tardif@caf63.test" }).textContent()).toMatch(/Expirée/);
    await admin.getByRole("button", { name: "Renvoyer l'invitation de tardif@caf63.test" }).click();
    await expect.poll(() => invitations.locator("tr", { hasText: "tardif@caf63.test" }).textContent()).toMatch(/En attente/);
    await follow(tardif, await nthMailTo("tardif@caf63.test", 2), "/invitation");
    await tardif.getByText("« Instruction »", { exact: false }).waitFor();
  }, 180_000);

  it("lets a person reset a forgotten password with the keyboard only; the old one no longer works", async () => {
    const page = await open("forgetful");
    await page.goto(`${guichet.url}/connexion`);
    await tabTo(page, "a", "Mot de passe oublié ?");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/mot-de-passe\/oubli$/);
    await expectFocus(page, "main h1");
    await tabTo(page, "#forgot_email");
    await page.keyboard.type(PEOPLE.committee.email);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Consultez votre messagerie" }).waitFor();
    await expectFocus(page, ".fr-alert--success");
    await check(page, "13-forgot-password");

    const mail = await mailTo(PEOPLE.committee.email);
    expect(mail.subject).toMatch(/mot de passe/i);
    await follow(page, mail, "/mot-de-passe/nouveau");
    await tabTo(page, "#reset_password");
    await page.keyboard.type("nouveau mot de passe du comité");
    await tabTo(page, "#reset_confirmation");
    await page.keyboard.type("nouveau mot de passe du comite");
    await page.keyboard.press("Enter");
    // The mismatch is announced in the summary, which takes the focus; its link leads to the field.
    await expectFocus(page, ".fr-alert--error");
    await check(page, "14-reset-password-error");
    await tabTo(page, "a", "ne sont pas identiques");
    await page.keyboard.press("Enter");
    await expectFocus(page, "#reset_confirmation");
    await page.keyboard.press("Control+a");
    await page.keyboard.type("nouveau mot de passe du comité");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/instruction$/);
    await page.getByText(PEOPLE.committee.name, { exact: false }).first().waitFor();

    const old = await open("old-password");
    await signIn(old, PEOPLE.committee.email, PASSWORD);
    await old.locator(".fr-alert--error").waitFor();
    expect(new URL(old.url()).pathname).toBe("/connexion");
    await signIn(old, PEOPLE.committee.email, "nouveau mot de passe du comité");
    await old.waitForURL(/\/instruction$/);

    // A used link says so, with the way to get a new one.
    await page.goto(`${guichet.url}/mot-de-passe/nouveau${new URL(guichet.mailbox.linkIn(mail)).hash}`);
    await page.fill("#reset_password", "encore un autre mot de passe");
    await page.fill("#reset_confirmation", "encore un autre mot de passe");
    await page.click("form button[type=submit]");
    await page.getByRole("link", { name: "Recevoir un nouveau lien" }).waitFor();
  }, 120_000);

  it("shows the ProConnect refusals in French on the sign-in page, and no ProConnect button when it is not configured", async () => {
    const page = await open("proconnect");
    await page.goto(`${guichet.url}/connexion?erreur=proconnect_compte_inconnu`);
    await page.getByRole("heading", { name: "Aucun compte Guichet pour cette adresse" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.getByText("ProConnect", { exact: true }).count()).toBe(0);
    await check(page, "15-login-proconnect-refusal");
    await page.goto(`${guichet.url}/connexion?erreur=proconnect_indisponible`);
    await page.getByRole("heading", { name: "ProConnect est momentanément indisponible" }).waitFor();
  });

  it("never sends a manager the admin workspace's code", () => {
    const admin = /\/assets\/(admin-page|accounts-page|json-file-editor|lifecycle-diagram|codemirror)-/;
    for (const who of ["creche", "colleague", "owner", "third"]) expect([...scripts[who]!].filter((path) => admin.test(path))).toEqual([]);
    expect([...scripts.admin!].some((path) => /\/assets\/accounts-page-/.test(path))).toBe(true);
  });

  it("shows no serious or critical accessibility violation and no page error", () => {
    expect(accessibility.filter((a) => a.violations.length > 0)).toEqual([]);
    expect(accessibility.length).toBeGreaterThanOrEqual(15);
    // Refusals the stories provoke on purpose (a wrong password, dead links) are logged by Chromium as failed loads.
    const expected = /^(old-password|stale-link|late-link|forgetful): Failed to load resource: the server responded with a status of (403|404)/;
    expect(suite.pageErrors.filter((e) => !expected.test(e))).toEqual([]);
  });
});
