/**
 * `npm run bench` (part): the web client. Builds it, prints what each route
 * downloads (bundle-size.ts), then measures typing in Chromium: the time from
 * each keydown to the end of the work it causes (the handlers and React's
 * render), typing 120 characters into: the baseline, measured in the same
 * run, a one-field form of the same theme (the admin's preview of the
 * instruction form); a text area of the application; and a field of the
 * application's largest section with three list items filled. Also the
 * number of evaluation and save requests the typing caused (debounced).
 */
import type { Page } from "playwright-core";
import { completeApplication } from "../helpers/engine-setup";
import { PDF } from "../helpers/files";
import { CHROMIUM, launchChromium, NO_CHROMIUM_MESSAGE } from "../e2e/chromium";
import { fillField } from "../e2e/fill-form";
import { buildClient, PASSWORD, PEOPLE, startGuichet } from "../e2e/guichet-server";
import { printBundleSizes } from "./bundle-size";

const KEYS = 120;
const TEXT = "Accueil souple des familles orientées, adaptation progressive et écoute des parents en parcours d'insertion. ".repeat(2).slice(0, KEYS);

/**
 * Typing latencies (ms): from the keydown (first listener, on the document,
 * capturing) to the end of the input event's handling — after the window's
 * own listener, the last to run, and the microtasks where React renders.
 */
async function typeAndMeasure(page: Page, selector: string): Promise<number[]> {
  await page.click(selector);
  await page.evaluate(`(() => {
    window.__latencies = [];
    let t0 = 0;
    document.addEventListener("keydown", () => { t0 = performance.now(); }, { capture: true });
    window.addEventListener("input", () => { queueMicrotask(() => window.__latencies.push(performance.now() - t0)); });
  })()`);
  await page.keyboard.type(TEXT);
  await page.waitForTimeout(300);
  return (await page.evaluate("window.__latencies")) as number[];
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

async function main(): Promise<void> {
  const dist = buildClient();
  printBundleSizes(dist);
  if (!CHROMIUM) {
    console.log(NO_CHROMIUM_MESSAGE);
    return;
  }
  const guichet = await startGuichet(dist);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests = { evaluate: 0, save: 0 };
    page.on("request", (r) => {
      if (r.url().endsWith("/evaluate")) requests.evaluate++;
      if (r.method() === "PUT" && r.url().endsWith("/data")) requests.save++;
    });
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await admin.goto(`${guichet.url}/connexion`);
    await admin.fill("#email", PEOPLE.admin.email);
    await admin.fill("#password", PASSWORD);
    await admin.click("form button[type=submit]");
    await admin.getByRole("button", { name: "Ouvrir dans l'éditeur" }).first().click();
    await admin.getByRole("tab", { name: "Aperçu du formulaire" }).click();
    await admin.selectOption("#preview-form", { label: "Prise en charge de l'instruction" });
    const baseline = stats(await typeAndMeasure(admin, "#preview_caseNumber"));

    await page.goto(`${guichet.url}/connexion`);
    await page.fill("#email", PEOPLE.manager.email);
    await page.fill("#password", PASSWORD);
    await page.click("form button[type=submit]");
    await page.getByRole("button", { name: "Déposer une candidature" }).click();
    await page.locator("#root_manager_legalName").waitFor();
    const procedure = (await (await fetch(`${guichet.url}/api/procedures/avip-puy-de-dome`)).json()) as { forms: Record<string, { schema: Record<string, unknown> }>; applicationForm: string };
    const schema = procedure.forms[procedure.applicationForm]!.schema;
    const sections = schema.properties as Record<string, Record<string, unknown> & { title: string }>;
    const application = await completeApplication();
    const facility = application.facilities[0];
    application.facilities = [facility, { ...facility, name: "Crèche Les Écureuils" }, { ...facility, name: "Micro-crèche Le Nid" }];
    const file = { name: "fiche.pdf", mimeType: "application/pdf", buffer: PDF };
    for (const [section, value] of Object.entries(application)) {
      const step = page.locator("nav.fr-sidemenu button", { hasText: sections[section]!.title }).first();
      if ((await step.getAttribute("aria-current")) === null) await step.click();
      await fillField(page, sections[section]!, schema, value, `root_${section}`, file);
    }
    await page.waitForTimeout(2500);

    await page.locator("nav.fr-sidemenu button", { hasText: sections.project!.title }).first().click();
    await page.fill("#root_project_receptionProject", "");
    requests.evaluate = 0; requests.save = 0;
    const textarea = stats(await typeAndMeasure(page, "#root_project_receptionProject"));
    await page.waitForTimeout(2500);
    const textareaRequests = { ...requests };

    await page.locator("nav.fr-sidemenu button", { hasText: sections.facilities!.title }).first().click();
    await page.fill("#root_facilities_2_name", "");
    const largest = stats(await typeAndMeasure(page, "#root_facilities_2_name"));

    const row = (label: string, s: ReturnType<typeof stats>) =>
      console.log(`${label.padEnd(46)} ${s.median.toFixed(1).padStart(7)} ${s.p95.toFixed(1).padStart(7)} ${s.max.toFixed(1).padStart(7)}  ×${(s.median / baseline.median).toFixed(1)}`);
    console.log(`\nSaisie dans Chromium, ${KEYS} touches : ms de la touche à la fin du rendu`);
    console.log(`${"champ".padEnd(46)} ${"médiane".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}  rapport (médianes)`);
    row("formulaire d'un champ, même thème (référence)", baseline);
    row("candidature : zone de texte (projet)", textarea);
    row("candidature : 3 établissements × 15 champs", largest);
    console.log(`Requêtes pendant la saisie de la zone de texte : ${textareaRequests.evaluate} évaluation(s), ${textareaRequests.save} enregistrement(s) pour ${KEYS} touches.`);
  } finally {
    await browser.close();
    await guichet.close();
  }
}

await main();
