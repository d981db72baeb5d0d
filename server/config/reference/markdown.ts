/**
 * Small Markdown writers for the generated format reference (docs/FORMAT.md):
 * tables, inline code and compact JSON, and GitHub-style heading anchors, so
 * that every section renders the same way.
 */

/** A JSON value on one line, spaced for reading: `{ "type": "rule", "params": { "name": "x" } }`. */
export function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(", ")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? "{}" : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(", ")} }`;
  }
  return value === undefined ? "null" : JSON.stringify(value);
}

/** Inline code, with a longer fence when the text holds backticks. */
export function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block of pretty-printed JSON. */
export function jsonBlock(value: unknown): string {
  return ["```json", JSON.stringify(value, null, 2), "```"].join("\n");
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").trim() || " ";
}

/** A GitHub-flavoured table; `|` in cells is escaped, line breaks become spaces. */
export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(headers), `| ${headers.map(() => "---").join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as dashes. */
export function anchor(heading: string): string {
  return heading.toLowerCase().replace(/`/g, "").replace(/[^\p{L}\p{N}\s_-]/gu, "").trim().replace(/\s/g, "-");
}

/** "a, b et c" (French enumeration). */
export function frenchList(items: string[], last = "et"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}

/** Joins Markdown blocks with one blank line between them. */
export function blocks(...parts: Array<string | false | null | undefined>): string {
  return parts.filter((p): p is string => typeof p === "string" && p.length > 0).join("\n\n");
}
