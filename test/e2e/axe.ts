/**
 * Accessibility check with axe-core inside the page (WCAG 2.1 A/AA rules):
 * returns the serious and critical violations, each with the elements hit.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type AxeFinding = { id: string; impact: string; help: string; targets: string[] };

export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  // Runs in the page (a string, as this file is compiled without the DOM's types).
  const results = (await page.evaluate(`(async () => {
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  })()`)) as AxeFinding[];
  return results.filter((v) => v.impact === "serious" || v.impact === "critical");
}
