/**
 * ProConnect as a person meets it in the web client (proconnect.test.ts
 * drives the redirects themselves): the sign-in page offers the DSFR
 * ProConnect button because the server says it is configured, the button
 * keeps the page asked for (`retour`), the provider's pages (a real
 * oidc-provider on loopback) are walked in the browser, the person comes
 * back signed in there; « Se déconnecter » in the header also ends the
 * provider's session and comes back to the sign-in page. An address with no
 * account comes back with the French refusal.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type TestProvider } from "../helpers/oidc-provider";
import { REPO } from "../helpers/packages";
import { seriousViolations, type AxeFinding } from "./axe";
import { browserSuite } from "./browser-suite";
import { CHROMIUM, NO_CHROMIUM_MESSAGE } from "./chromium";
import { PEOPLE } from "./guichet-server";

const SHOTS = join(REPO, "test-results", "screenshots");
if (!CHROMIUM) console.log(NO_CHROMIUM_MESSAGE);

describe.skipIf(!CHROMIUM)("ProConnect from the sign-in page, in Chromium", () => {
  let provider: TestProvider;
  const suite = browserSuite({
    proconnect: async (url) => {
      provider = await startOidcProvider({
        users: {
          "sub-ines": { email: PEOPLE.instructor.email, email_verified: true, given_name: "Inès", usual_name: "Instruction" },
          "sub-inconnu": { email: "personne@inconnue.test", email_verified: true, given_name: "Paul", usual_name: "Personne" },
        },
        redirectUris: [`${url}/api/auth/proconnect/callback`],
        postLogoutRedirectUris: [`${url}/connexion`],
      });
      return {
        issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, scopes: "openid email given_name usual_name",
        redirectUri: `${url}/api/auth/proconnect/callback`, postLogoutRedirectUri: `${url}/connexion`,
      };
    },
  });
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
  afterAll(async () => { await provider?.close(); });
  const accessibility: Array<{ page: string; violations: AxeFinding[] }> = [];

  /** A page whose requests off this machine (the provider's web font) and to the provider's favicon get an empty answer. */
  async function open(who: string): Promise<Page> {
    const { context, page } = await suite.newPage(who);
    await context.route((url) => url.hostname !== "127.0.0.1" || url.href === `${provider.issuer}/favicon.ico`, (route) => route.fulfill({ status: 200, body: "" }));
    return page;
  }

  /** The provider's development pages: the login form (its subject), then the consent. */
  async function atProvider(page: Page, subject: string): Promise<void> {
    await page.fill("input[name=login]", subject);
    await page.fill("input[name=password]", "x");
    await page.click("button[type=submit]");
    await page.waitForSelector("input[name=prompt][value=consent]", { state: "attached" });
    await page.click("button[type=submit]");
  }

  it("signs an instructor in with ProConnect and out at the provider too", async () => {
    const page = await open("proconnect");
    await page.goto(`${suite.guichet.url}/connexion?retour=${encodeURIComponent("/instruction")}`);
    const button = page.locator("a.fr-connect");
    await button.waitFor();
    expect(await button.textContent()).toMatch(/S.identifier avec\s*ProConnect/);
    expect(new URL((await button.getAttribute("href"))!, suite.guichet.url).search).toBe(`?retour=${encodeURIComponent("/instruction")}`);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: join(SHOTS, "people-16-login-proconnect.png"), fullPage: true });
    accessibility.push({ page: "login-proconnect", violations: await seriousViolations(page) });

    await button.click();
    await page.waitForURL((u) => u.origin === provider.issuer);
    await atProvider(page, "sub-ines");
    await page.waitForURL(`${suite.guichet.url}/instruction`);
    await page.getByText(PEOPLE.instructor.name, { exact: false }).first().waitFor();

    // Signing out: Guichet answers with the provider's end-session address, the browser goes there; confirmed, back to the sign-in page.
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL((u) => u.origin === provider.issuer);
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await page.waitForURL((u) => u.origin === suite.guichet.url && u.pathname === "/connexion");
    await page.getByRole("heading", { level: 1, name: "Connexion à Guichet" }).waitFor();
    const me = await page.evaluate(`fetch("/api/auth/me").then((r) => r.status)`);
    expect(me).toBe(401);
  }, 90_000);

  it("brings a person without an account back to the sign-in page with the French refusal", async () => {
    const page = await open("proconnect-unknown");
    await page.goto(`${suite.guichet.url}/connexion`);
    await page.locator("a.fr-connect").click();
    await page.waitForURL((u) => u.origin === provider.issuer);
    await atProvider(page, "sub-inconnu");
    await page.waitForURL(/\/connexion\?erreur=proconnect_compte_inconnu$/);
    await page.getByRole("heading", { name: "Aucun compte Guichet pour cette adresse" }).waitFor();
    accessibility.push({ page: "login-proconnect-refusal", violations: await seriousViolations(page) });
  }, 90_000);

  it("shows no serious or critical accessibility violation and no page error", () => {
    expect(accessibility.filter((a) => a.violations.length > 0)).toEqual([]);
    expect(suite.pageErrors).toEqual([]);
  });
});
