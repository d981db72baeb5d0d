/**
 * What every browser suite needs: Guichet built and started once per file,
 * Chromium launched, and pages (one context each, so one session each) whose
 * script errors and unexpected console errors are collected for a final check.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./chromium";
import { buildClient, startGuichet, type GuichetOptions } from "./guichet-server";

export type BrowserSuite = {
  readonly guichet: Awaited<ReturnType<typeof startGuichet>>;
  readonly browser: Browser;
  /** Script errors and console errors (401/409 answers aside, which pages expect) of every page. */
  readonly pageErrors: string[];
  newPage(who: string): Promise<{ context: BrowserContext; page: Page }>;
};

/** Registers the suite's beforeAll/afterAll; call it inside the describe block. */
export function browserSuite(options: GuichetOptions = {}): BrowserSuite {
  let guichet: BrowserSuite["guichet"] | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    guichet = await startGuichet(buildClient(), options);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await guichet?.close();
  });
  return {
    get guichet() { return guichet!; },
    get browser() { return browser!; },
    pageErrors,
    async newPage(who) {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
      const page = await context.newPage();
      page.on("pageerror", (e) => pageErrors.push(`${who}: ${e.message}`));
      page.on("console", (m) => { if (m.type() === "error" && !/status of 40[19]/.test(m.text())) pageErrors.push(`${who}: ${m.text()}`); });
      return { context, page };
    },
  };
}
