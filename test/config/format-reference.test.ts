/**
 * docs/FORMAT.md is generated from the code: it must equal the generator's
 * output (run `npm run docs` after changing a registry, a meta-schema or the
 * prose), list every guard, operator and engine field, pick up additions to
 * the registries by itself, and refuse a hand-written example that no longer
 * matches the format. The semantics it states in prose (the input joins
 * `facts.<form>` before the guards) are checked against the engine.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { GUARDS } from "../../workflows/guards";
import { OPERATORS } from "../../server/engine/expressions";
import { ENGINE_FIELDS } from "../../server/config/package-scope";
import { renderFormatReference, type ReferenceSources } from "../../server/config/format-reference";
import { codeSources, FORMAT_DOC, generateFormatDoc } from "../../server/config/gen-docs";

const doc = generateFormatDoc();

function withMeta(sources: ReferenceSources, file: string, edit: (schema: Record<string, any>) => void): ReferenceSources {
  const copy = structuredClone(sources.metaSchemas[file]) as Record<string, any>;
  edit(copy);
  return { ...sources, metaSchemas: { ...sources.metaSchemas, [file]: copy } };
}

describe("docs/FORMAT.md", () => {
  it("is up to date with the code (run `npm run docs` after changing a registry, a meta-schema or the reference's prose)", async () => {
    const onDisk = await readFile(FORMAT_DOC, "utf8").catch(() => "(absent)");
    expect(onDisk, "docs/FORMAT.md est périmé : lancez `npm run docs`").toBe(doc);
  });

  it("is the same text every time (no clock, no machine-dependent formatting)", () => {
    expect(renderFormatReference(codeSources())).toBe(doc);
  });

  it("documents every guard with its description, every operator, every engine field", () => {
    for (const [name, guard] of Object.entries(GUARDS)) {
      expect(doc).toContain(`### \`${name}\``);
      expect(doc).toContain(guard.description);
    }
    for (const [name, info] of Object.entries(OPERATORS)) {
      expect(doc).toContain(`| \`${name.replace(/\|/g, "\\|")}\` |`);
      expect(doc).toContain(info.description.replace(/\|/g, "\\|"));
    }
    for (const [root, fields] of Object.entries(ENGINE_FIELDS)) {
      for (const field of fields) expect(doc).toContain(`| \`${root}.${field}\` |`);
    }
  });

  it("states the semantics no registry holds: facts, the input seen by guards, deadlines, time zone", () => {
    expect(doc).toContain("## Ce que contient `facts.<formulaire>`");
    expect(doc).toContain("## Comment le moteur décide une transition");
    expect(doc).toContain("**La saisie rejoint les faits, avant les gardes.**");
    expect(doc).toContain("## Dates, échéances et fuseau horaire");
    expect(doc).toMatch(/- le 11 septembre 2026 à 23:59:59 : \*\*acceptée\*\*/);
  });

  it("shows the results the engine computes: operator examples, message units, timer due dates", () => {
    expect(doc).toContain("`{ \"date_add\": [\"2027-01-31\", \"P1M\"] }` → `\"2027-02-28\"`");
    expect(doc).toContain("`{ \"all\": [{ \"var\": \"data.facilities\" }, { \">\": [{ \"var\": \"places\" }, 0] }] }` → `false`");
    expect(doc).toMatch(/\| `ratio` \| nombre, de 0 à 1 \| `0\.2` → « 20\u00a0% » \|/);
    expect(doc).toContain("échoit le **1er avril 2027 à 00:00** (Europe/Paris)");
  });
});

describe("the generator", () => {
  const sources = codeSources();

  it("lists a guard or an operator added to a registry, with its parameters", () => {
    const out = renderFormatReference({
      ...sources,
      guards: { ...sources.guards, withinBudget: { description: "Le montant demandé ne dépasse pas le plafond.", paramsSchema: { type: "object", additionalProperties: false, required: ["cap"], properties: { cap: { type: "string", description: "Nom du paramètre plafond." } } } } },
      operators: [...sources.operators, { name: "days_in_month", description: "Nombre de jours du mois d'une date.", arguments: ["[date]"], standard: false, scoped: false }],
    });
    expect(out).toContain("### `withinBudget`");
    expect(out).toContain("| `cap` | oui | texte | Nom du paramètre plafond. |");
    expect(out).toContain('"type": "withinBudget"');
    expect(out).toContain("| `days_in_month` | `[date]` | Nombre de jours du mois d'une date. |");
  });

  it("lists a timer form, a parameter unit or a manifest section added to a meta-schema", () => {
    let edited = withMeta(sources, "machine.schema.json", (s) => {
      s.$defs.timer.properties.delay.anyOf.push({ type: "object", additionalProperties: false, required: ["weeks"], properties: { weeks: { type: "integer", description: "Nombre de semaines." } } });
    });
    edited = withMeta(edited, "manifest.schema.json", (s) => {
      s.$defs.parameter.properties.unit.enum.push("percentPoints");
      s.properties.archive = { type: "object", description: "Archivage des dossiers clos.", properties: { afterYears: { type: "integer", description: "Années avant archivage." } } };
    });
    const out = renderFormatReference(edited);
    expect(out).toContain('- `{ "weeks": … }` (weeks : entier) — Nombre de semaines.');
    expect(out).toContain("| `percentPoints` |");
    expect(out).toContain("| `archive.afterYears` |   | entier | Années avant archivage. |");
  });

  it("refuses a hand-written example that no longer matches its meta-schema", () => {
    const edited = withMeta(sources, "manifest.schema.json", (s) => {
      s.$defs.parameter.properties.unit.enum = s.$defs.parameter.properties.unit.enum.filter((u: string) => u !== "euro");
    });
    expect(() => renderFormatReference(edited)).toThrow(/l'exemple « paramètre » ne respecte plus urn:guichet:meta:manifest#\/\$defs\/parameter/);
  });

  it("refuses a registry example whose stated result the interpreter does not give", () => {
    const wrong = sources.operators.map((op) => (op.name === "round" ? { ...op, example: { expression: { round: [0.72727, 2] }, result: 0.7 } } : op));
    expect(() => renderFormatReference({ ...sources, operators: wrong })).toThrow(/l'exemple de l'opérateur « round » donne 0\.73 et non 0\.7/);
  });
});
