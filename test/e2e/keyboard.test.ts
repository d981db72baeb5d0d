/**
 * The web client with the keyboard only (Tab, Shift+Tab, Enter, Space,
 * arrows; text typed into fields), in real Chromium: a manager signs in,
 * starts an application, changes steps, answers a radio group, adds and
 * removes a list item, ticks a checkbox, reaches a file field, and follows an
 * error-summary link from the last step; an instructor opens an action form,
 * submits it empty and follows its summary to the field. At each step the
 * focus must land where a keyboard user expects it: the page's h1 after a
 * navigation, the step's heading after a step change, the new item's first
 * field after "add", a field after an error link.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { completeApplication, ownAttachments } from "../helpers/engine-setup";
import { PDF } from "../helpers/files";
import { browserSuite, type BrowserSuite } from "./browser-suite";
import { CHROMIUM, NO_CHROMIUM_MESSAGE } from "./chromium";
import { PASSWORD, PEOPLE } from "./guichet-server";

const FILE = { name: "fiche-de-poste.pdf", mimeType: "application/pdf", buffer: PDF };
if (!CHROMIUM) console.log(NO_CHROMIUM_MESSAGE);

/** The focused element, for failure messages. */
function focusedHtml(page: Page): Promise<string> {
  return page.evaluate("document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'rien'") as Promise<string>;
}

/** Whether the focus is on `selector` (one selector: a list goes inside ":is(…)"). */
async function isFocused(page: Page, selector: string, hasText?: string | RegExp): Promise<boolean> {
  return (await page.locator(`:is(${selector}):focus`, hasText ? { hasText } : {}).count()) > 0;
}

/** Presses Tab (or Shift+Tab) until the focus is on `selector`, as a person looking for a control would. */
async function tabTo(page: Page, selector: string, options: { hasText?: string | RegExp; back?: boolean; max?: number } = {}): Promise<void> {
  for (let i = 0; i < (options.max ?? 120); i++) {
    await page.keyboard.press(options.back ? "Shift+Tab" : "Tab");
    if (await isFocused(page, selector, options.hasText)) return;
  }
  throw new Error(`${selector} ${options.hasText ?? ""} not reached with ${options.back ? "Shift+Tab" : "Tab"}; focus on ${await focusedHtml(page)}`);
}

async function expectFocus(page: Page, selector: string, hasText?: string | RegExp): Promise<void> {
  await expect.poll(() => isFocused(page, selector, hasText), { timeout: 5_000, message: `focus on ${selector} ${hasText ?? ""}` }).toBe(true);
}

describe.skipIf(!CHROMIUM)("web client with the keyboard only", () => {
  const suite = browserSuite();
  let guichet: BrowserSuite["guichet"];
  beforeAll(() => { guichet = suite.guichet; });

  async function signIn(who: keyof typeof PEOPLE): Promise<Page> {
    const { page } = await suite.newPage(who);
    await page.goto(`${guichet.url}/connexion`);
    await tabTo(page, "#email");
    await page.keyboard.type(PEOPLE[who].email);
    await page.keyboard.press("Tab");
    await expectFocus(page, "#password");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByText(PEOPLE[who].name, { exact: false }).first().waitFor();
    // After the navigation, the focus is on the new page's title.
    await expectFocus(page, "main h1");
    return page;
  }

  /** "Étape suivante" reached and pressed; the focus must then be on the new step's heading. */
  async function nextStep(page: Page, expected: number): Promise<void> {
    await tabTo(page, "button", { hasText: "Étape suivante" });
    await page.keyboard.press("Enter");
    await expectFocus(page, "h2.fr-stepper__title", `Étape ${expected} sur`);
  }

  it("lets a manager sign in, start an application, fill choices and lists, and follow an error link", async () => {
    const page = await signIn("manager");
    expect(await page.title()).toBe("Mes dossiers — Guichet");

    await tabTo(page, "button", { hasText: "Déposer une candidature" });
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/candidature$/);
    await expectFocus(page, "main h1");
    await page.locator("form input[id^='root_']").first().waitFor();

    // Step 1: a text field, typed into.
    await tabTo(page, "input.fr-input[id^='root_']");
    await page.keyboard.type("Mairie du clavier");

    // Step 2: a radio group — Space chooses, the arrows move the choice.
    await nextStep(page, 2);
    await tabTo(page, "input[type=radio]");
    const group = page.locator("input[type=radio]:focus");
    const name = await group.getAttribute("name");
    await page.keyboard.press("Space");
    await expect.poll(() => page.isChecked(`input[type=radio][name="${name}"] >> nth=0`)).toBe(true);
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.isChecked(`input[type=radio][name="${name}"] >> nth=1`)).toBe(true);
    await page.keyboard.press("ArrowUp");

    // Step 3: a list — "add" puts the focus in the new item, a checkbox is ticked with Space, "remove" leaves the focus in the list.
    await nextStep(page, 3);
    await tabTo(page, "button", { hasText: /^Ajouter/ });
    const list = await page.locator(".guichet-list:has(> button:focus)").getAttribute("id");
    await page.keyboard.press("Enter");
    await expectFocus(page, `:is(input,select,textarea)[id^="${list}_0_"]`);
    await page.keyboard.type("Multi-accueil Les Lutins");
    await tabTo(page, "input[type=checkbox]");
    await page.keyboard.press("Space");
    expect(await page.locator("input[type=checkbox]:focus").isChecked()).toBe(true);
    await tabTo(page, "button", { hasText: "Supprimer", back: true });
    await page.keyboard.press("Enter");
    await expectFocus(page, "button", /^Ajouter/);
    expect(await page.locator(`[id^="${list}_0_"]`).count()).toBe(0);
    await page.keyboard.press("Enter");
    await expectFocus(page, `:is(input,select,textarea)[id^="${list}_0_"]`);

    // Onwards to the first step with a file field: reached with Tab (the chooser itself is the system's).
    for (let step = 4; (await page.locator("form input[type=file]").count()) === 0; step++) await nextStep(page, step);
    await tabTo(page, "input[type=file]");
    await page.locator("input[type=file]:focus").setInputFiles(FILE);
    await page.locator("[id$='__status'] a", { hasText: FILE.name }).waitFor();

    // Back to the steps' menu, to the last step: the focus on its heading, then the first error link.
    await tabTo(page, ".fr-sidemenu__link", { hasText: "Vérification et dépôt", back: true });
    await page.keyboard.press("Enter");
    await expectFocus(page, "h2.fr-stepper__title", "Vérification et dépôt");
    await page.locator(".fr-alert--error a").first().waitFor();
    await tabTo(page, ".fr-alert--error a");
    await page.keyboard.press("Enter");
    await expectFocus(page, ":is(input[id^='root_'], select[id^='root_'], textarea[id^='root_'], .guichet-list)");
    expect(await page.locator("h2.fr-stepper__title").textContent()).not.toContain("Vérification et dépôt");
  }, 180_000);

  it("lets an instructor open an action, submit it empty and reach the field from the error summary", async () => {
    const { engine, procedureId, orgA, actors } = guichet.setup;
    const { dossier } = await engine.createDraft({ procedureId, organisationId: orgA.id, data: await completeApplication() }, actors.manager);
    await ownAttachments(engine, dossier.id, actors.manager);
    await engine.submit(dossier.id, actors.manager);

    const page = await signIn("instructor");
    await tabTo(page, "table a", { hasText: "Commune de Thiers" });
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/dossiers\/[^/]+$/);
    await expectFocus(page, "main h1");

    await tabTo(page, "button[aria-controls^='action-']");
    const toggle = await page.locator("button:focus").getAttribute("aria-controls");
    await page.keyboard.press("Enter");
    await page.locator(`#${toggle} form`).waitFor();
    await tabTo(page, `#${toggle} button[type=submit]`);
    await page.keyboard.press("Enter");
    await expectFocus(page, `#${toggle} .fr-alert--error`);
    await page.keyboard.press("Tab");
    await expectFocus(page, `#${toggle} .fr-alert--error a`);
    await page.keyboard.press("Enter");
    await expectFocus(page, `#${toggle} :is(input,select,textarea)`);

    // "Annuler" closes the form and gives the focus back to the button that opened it.
    await tabTo(page, `#${toggle} button`, { hasText: "Annuler" });
    await page.keyboard.press("Enter");
    await expectFocus(page, `button[aria-controls="${toggle}"]`);
  }, 120_000);

  it("raises no page error", () => {
    expect(suite.pageErrors).toEqual([]);
  });
});
