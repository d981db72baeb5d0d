/**
 * ProConnect in real Chromium: from Guichet's sign-in redirect to the
 * provider's login and consent pages (a real oidc-provider on loopback),
 * back to Guichet signed in (the header names the person, /api/auth/me gives
 * the account), then the logout that takes the browser to the provider's
 * end-session page and back to Guichet's login page.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchChromium, NO_CHROMIUM_MESSAGE } from "./chromium";
import { buildClient, PEOPLE, startGuichet } from "./guichet-server";
import { startOidcProvider, type TestProvider } from "../helpers/oidc-provider";

if (!CHROMIUM) console.log(NO_CHROMIUM_MESSAGE);

describe.skipIf(!CHROMIUM)("ProConnect in Chromium", () => {
  let guichet: Awaited<ReturnType<typeof startGuichet>>;
  let provider: TestProvider;
  let browser: Browser;

  beforeAll(async () => {
    guichet = await startGuichet(buildClient(), {
      proconnect: async (url) => {
        provider = await startOidcProvider({
          redirectUris: [`${url}/api/auth/proconnect/callback`], postLogoutRedirectUris: [`${url}/connexion`],
          users: { "agent-instruction": { email: PEOPLE.instructor.email.toUpperCase(), given_name: "Inès", usual_name: "Instruction" } },
        });
        return {
          issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, scopes: "openid email given_name usual_name",
          redirectUri: `${url}/api/auth/proconnect/callback`, postLogoutRedirectUri: `${url}/connexion`,
        };
      },
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await guichet?.close();
    await provider?.close();
  });

  it("signs in through the provider, lands back signed in, and logs out at the provider", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort()); // the provider's pages import a web font: loopback only
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`${guichet.url}/api/auth/proconnect/login?retour=/`);
    expect(page.url().startsWith(`${provider.issuer}/interaction/`), page.url()).toBe(true);
    await page.fill("input[name=login]", "agent-instruction");
    await page.fill("input[name=password]", "peu importe");
    await page.click("button[type=submit]");
    await page.waitForSelector("input[name=prompt][value=consent]", { state: "attached" });
    await page.click("button[type=submit]");

    await page.waitForURL(`${guichet.url}/`);
    await page.getByText(PEOPLE.instructor.name, { exact: false }).first().waitFor();
    const me = await page.evaluate(async () => (await (await fetch("/api/auth/me")).json()) as { account: { email: string; role: string }; csrfToken: string });
    expect(me.account).toMatchObject({ email: PEOPLE.instructor.email, role: "instructor" });

    // What the client does on « Se déconnecter »: POST the logout, then go where the answer says.
    const logoutUrl = await page.evaluate(async (csrf) => {
      const res = await fetch("/api/auth/logout", { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": csrf }, body: "{}" });
      const { logoutUrl } = (await res.json()) as { logoutUrl: string };
      (globalThis as unknown as { location: { assign(url: string): void } }).location.assign(logoutUrl);
      return logoutUrl;
    }, me.csrfToken);
    expect(logoutUrl.startsWith(`${provider.issuer}/session/end?`)).toBe(true);
    await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/session/end`));
    await page.click("button[value=yes]");
    await page.waitForURL((url) => url.href.startsWith(`${guichet.url}/connexion`));
    expect(await page.evaluate(async () => (await fetch("/api/auth/me")).status)).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
