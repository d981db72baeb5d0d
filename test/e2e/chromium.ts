/**
 * Debian's Chromium driven by playwright-core (nothing downloaded): found at
 * CHROMIUM_PATH or /usr/bin/chromium; absent, the browser suite is skipped
 * with one line saying how to install it.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p): p is string => !!p && existsSync(p));

export const NO_CHROMIUM_MESSAGE = "Tests navigateur ignorés : Chromium introuvable (installez-le avec « apt-get install -y chromium » ou indiquez CHROMIUM_PATH).";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM!,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=fr-FR"],
  });
}
