/**
 * The format reference of procedure packages (docs/FORMAT.md), in French for
 * the admins who write them, generated from the code: the guard registry,
 * the expression operators, the engine's readable fields, the meta-schemas
 * (units, types, timer forms, cycles, migration), the message renderer, and
 * the hand-written semantics of reference/prose.ts. `renderFormatReference`
 * is pure; `npm run docs` (gen-docs.ts) writes its output, and a test fails
 * when the file on disk differs.
 */
import { referenceContext, type ReferenceSources, type Section } from "./reference/context";
import { anchor, blocks } from "./reference/markdown";
import { INTRO } from "./reference/prose";
import { expressionSections as e } from "./reference/sections-expressions";
import { lifecycleSections as l } from "./reference/sections-lifecycle";
import { fileSections as f } from "./reference/sections-files";
import { valueSections as v } from "./reference/sections-values";

export type { GuardDoc, ReferenceSources } from "./reference/context";
export { operatorDocs, type OperatorDoc } from "./reference/operators";

export const FORMAT_TITLE = "Format des paquets de procédure";

/** docs/FORMAT.md for these sources (the same sources always give the same text). */
export function renderFormatReference(sources: ReferenceSources): string {
  const ctx = referenceContext(sources);
  const sections: Array<Section | null> = [
    f.files(ctx), f.manifest(ctx), v.parameters(ctx), v.deadlines(ctx), f.forms(ctx), v.computed(ctx), v.rules(ctx), f.cases(ctx),
    e.roots(ctx), e.operators(ctx), e.messages(),
    l.machine(ctx), l.guards(ctx), l.timers(ctx), l.cycles(ctx), l.migration(ctx),
    l.decision(), l.facts(), l.time(),
  ];
  const present = sections.filter((s): s is Section => s !== null);
  const contents = present.map((s, i) => `${i + 1}. [${s.title}](#${anchor(s.title)})`).join("\n");
  return `${blocks(
    `<!-- Généré par \`npm run docs\` (server/config/format-reference.ts). Ne pas modifier à la main. -->\n\n# ${FORMAT_TITLE}`,
    INTRO,
    `## Sommaire\n\n${contents}`,
    ...present.map((s) => `## ${s.title}\n\n${s.body}`),
  )}\n`;
}
