/**
 * Sections of the format reference about the files of a package: the list
 * of meta-schemas, the manifest (keys with a section of their own are only
 * named), forms and their presentation (string formats, widgets) and the
 * package's test cases. Tables come from the meta-schemas.
 */
import { metaId, type ReferenceContext, type Section } from "./context";
import { anchor, blocks, code, jsonBlock, table } from "./markdown";
import { FILE_ROLES, FORMAT_TEXT, PIECE_EXAMPLES } from "./prose";
import { propertyTable, type SchemaNode } from "./schema-text";

/** Top-level manifest keys documented in their own section. */
export const OWN_SECTIONS: Record<string, string> = { parameters: "Paramètres", deadlines: "Échéances", cycles: "Cycles annuels", migration: "Migration" };

export const link = (title: string) => `[${title}](#${anchor(title)})`;
export const described = (node: SchemaNode | undefined) => (node && typeof node.description === "string" ? node.description : "");

function files(ctx: ReferenceContext): Section {
  const rows = Object.entries(ctx.sources.metaSchemas).sort(([a], [b]) => a.localeCompare(b)).map(([file, schema]) => {
    const kind = typeof schema.$id === "string" ? schema.$id.replace(metaId(""), "") : file;
    return [code(`schemas/meta/${file}`), FILE_ROLES[kind] ?? "", described(schema)];
  });
  return {
    title: "Les fichiers d'un paquet",
    body: blocks(
      "Un paquet est un dossier de fichiers JSON. Chacun est vérifié par un méta-schéma (JSON Schema 2020-12) : déclarez-le dans `$schema` pour que votre éditeur complète et vérifie en direct (ex. `\"$schema\": \"../../meta/manifest.schema.json\"`).",
      table(["Méta-schéma", "Vérifie", "Contenu"], rows),
    ),
  };
}

function manifest(ctx: ReferenceContext): Section {
  const reader = ctx.reader("manifest");
  const rows = reader.rows(ctx.schema("manifest"))
    .filter((r) => !Object.keys(OWN_SECTIONS).some((key) => r.path.startsWith(`${key}.`)))
    .map((r) => (r.path in OWN_SECTIONS ? { ...r, description: `${r.description} Voir ${link(OWN_SECTIONS[r.path]!)}.` } : r));
  return { title: "Le manifeste", body: blocks(described(ctx.schema("manifest")), propertyTable(rows)) };
}

function forms(ctx: ReferenceContext): Section {
  const { formats, customFormats } = ctx.sources;
  const describedFormats = [...customFormats, ...formats.filter((f) => !customFormats.includes(f) && f in FORMAT_TEXT)];
  const others = formats.filter((f) => !describedFormats.includes(f));
  const ui = ctx.schema("ui");
  ctx.check(PIECE_EXAMPLES.form.schema, PIECE_EXAMPLES.form.value, "formulaire");
  ctx.check(PIECE_EXAMPLES.ui.schema, PIECE_EXAMPLES.ui.value, "présentation");
  return {
    title: "Formulaires",
    body: blocks(
      described(ctx.schema("form")),
      propertyTable(ctx.reader("form").rows(ctx.schema("form"))),
      "Les messages d'erreur sont en français ; un champ peut donner les siens avec `errorMessage` (ajv-errors), par exemple `\"errorMessage\": { \"pattern\": \"Le numéro doit compter 10 chiffres.\" }`.",
      "### Formats de texte",
      table(["Format", "Valeur", "Propre à Guichet"], describedFormats.map((f) => [code(f), FORMAT_TEXT[f] ?? "", customFormats.includes(f) ? "oui" : ""])),
      others.length > 0 ? `Autres formats standard acceptés : ${others.map(code).join(", ")}.` : "",
      jsonBlock(PIECE_EXAMPLES.form.value),
      `### Présentation (uiSchema)\n\n${described(ui)}`,
      propertyTable(ctx.reader("ui").rows(ui)),
      jsonBlock(PIECE_EXAMPLES.ui.value),
    ),
  };
}

function cases(ctx: ReferenceContext): Section {
  const schema = ctx.schema("cases");
  ctx.check(PIECE_EXAMPLES.cases.schema, PIECE_EXAMPLES.cases.value, "cas de test");
  return {
    title: "Cas de test",
    body: blocks(
      `${described(schema)} Ils sont exécutés au chargement du paquet : un paquet dont un cas échoue n'est pas publié.`,
      propertyTable(ctx.reader("cases").rows(schema)),
      jsonBlock(PIECE_EXAMPLES.cases.value),
    ),
  };
}

export const fileSections = { files, manifest, forms, cases };
