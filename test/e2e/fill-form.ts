/**
 * Fills a generated form the way a person would — typing, clicking radio
 * buttons and checkboxes, adding list items, choosing files — driven only by
 * the form's JSON Schema and the data to enter. Field ids follow RJSF's
 * convention (`<prefix>_<path>`), so the same helper fills any form of any
 * package; it never names a field.
 */
import type { Page } from "playwright-core";

type Json = Record<string, unknown>;
export type FileToAttach = { name: string; mimeType: string; buffer: Buffer };

function resolve(schema: Json, root: Json): Json {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/")) {
    const target = ref.slice(2).split("/").reduce<unknown>((node, key) => (node as Json | undefined)?.[key], root) as Json;
    return { ...target, ...schema, $ref: undefined };
  }
  return schema;
}

function optionIndex(schema: Json, value: unknown): number {
  if (schema.type === "boolean") return value === true ? 0 : 1;
  if (Array.isArray(schema.enum)) return schema.enum.indexOf(value);
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as Json[]).findIndex((o) => o.const === value);
  return -1;
}

/** DSFR draws radio buttons and checkboxes on their label, which a person clicks. */
async function clickLabel(page: Page, id: string, checked: boolean): Promise<void> {
  if ((await page.isChecked(`#${id}`)) !== checked) await page.click(`label[for="${id}"]`);
}

export async function fillField(page: Page, schema: Json, root: Json, value: unknown, id: string, file: FileToAttach): Promise<void> {
  const s = resolve(schema, root);
  if (value === undefined || value === null) return;
  if (s.type === "object" && value && typeof value === "object") {
    for (const [key, child] of Object.entries(value as Json)) {
      const childSchema = (s.properties as Record<string, Json> | undefined)?.[key];
      if (childSchema) await fillField(page, childSchema, root, child, `${id}_${key}`, file);
    }
    return;
  }
  if (s.type === "array" && Array.isArray(value)) {
    const items = resolve((s.items ?? {}) as Json, root);
    if (s.uniqueItems && (items.enum || items.oneOf)) {
      for (const v of value) await clickLabel(page, `${id}-${optionIndex(items, v)}`, true);
      return;
    }
    for (let i = 0; i < value.length; i++) {
      if ((await page.locator(`[id^="${id}_${i}_"]`).count()) === 0) await page.locator(`#${id} > button.fr-icon-add-line`).click();
      await fillField(page, items, root, value[i], `${id}_${i}`, file);
    }
    return;
  }
  const index = optionIndex(s, value);
  if (index >= 0) {
    if ((await page.locator(`#${id}-${index}`).count()) > 0) await clickLabel(page, `${id}-${index}`, true);
    else if ((await page.locator(`select#${id}`).count()) > 0) await page.selectOption(`#${id}`, { index: index + 1 });
    else await clickLabel(page, id, value === true);
    return;
  }
  if (s.format === "attachment") {
    await page.setInputFiles(`#${id}`, file);
    await page.locator(`#${id}__status a`).waitFor();
    return;
  }
  await page.fill(`#${id}`, String(value));
}
