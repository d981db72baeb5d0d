/**
 * Sections of the format reference about expressions: what they may read
 * (roots and the engine's fields), every operator of the interpreter's
 * registry with an example whose result the interpreter computes, and how
 * message placeholders are written.
 */
import { isDeepStrictEqual } from "node:util";
import { evaluate } from "../../engine/expressions";
import { renderTemplate } from "../../engine/message-template";
import type { ReferenceContext, Section } from "./context";
import { blocks, code, inlineJson, table } from "./markdown";
import type { OperatorDoc } from "./operators";
import { ENGINE_FIELD_TEXT, ENGINE_ROOT_TEXT, EXAMPLE_TIME_ZONE, OPERATOR_EXAMPLES, ROOTS } from "./prose";
import { dataSamples } from "./sections-values";

function roots(ctx: ReferenceContext): Section {
  const engine = Object.entries(ctx.sources.engineFields);
  const rootRows = [
    ...ROOTS.map((r) => [code(r.root), r.holds, r.where]),
    ...engine.map(([root, fields]) => [code(root), `${ENGINE_ROOT_TEXT[root] ?? ""} Champs : ${fields.map((f) => code(`${root}.${f}`)).join(", ")}.`, "partout (lecture seule)"]),
  ];
  const fieldRows = engine.flatMap(([root, fields]) => fields.map((f) => [code(`${root}.${f}`), ENGINE_FIELD_TEXT[`${root}.${f}`] ?? ""]));
  return {
    title: "Ce que lisent les expressions",
    body: blocks(
      "Les valeurs calculées, les règles (`expression`, `appliesWhen`), les messages et les gardes lisent le dossier par des **chemins pointés** : `{ \"var\": \"data.places\" }`, `{{data.places}}`. Un élément de liste se lit par son rang (`data.facilities.0.places`). Le chargement du paquet vérifie chaque chemin : une racine, un formulaire, un champ, un paramètre ou une valeur calculée inconnus sont refusés, avec le fichier et le pointeur JSON concernés.",
      table(["Racine", "Contenu", "Lisible"], rootRows),
      "### Champs fournis par le moteur",
      table(["Chemin", "Contenu"], fieldRows),
    ),
  };
}

/** An operator's example with the interpreter's result (a registry result that disagrees stops the generation). */
function exampleCell(op: OperatorDoc): string {
  const example = op.example ?? OPERATOR_EXAMPLES[op.name];
  if (!example) return "";
  const result = evaluate(example.expression, example.data ?? {}, { timeZone: EXAMPLE_TIME_ZONE });
  if (op.example && "result" in op.example && !isDeepStrictEqual(result, op.example.result)) {
    throw new Error(`docs/FORMAT.md : l'exemple de l'opérateur « ${op.name} » donne ${inlineJson(result)} et non ${inlineJson(op.example.result)}`);
  }
  const on = example.data ? ` sur ${code(inlineJson(example.data))}` : "";
  return `${code(inlineJson(example.expression))} → ${code(inlineJson(result))}${on}`;
}

function operatorTable(ops: OperatorDoc[]): string {
  return table(["Opérateur", "Arguments", "Description", "Exemple"], ops.map((op) => [
    code(op.name), op.arguments.map(code).join(" ou "), op.description ?? "", exampleCell(op),
  ]));
}

function operators(ctx: ReferenceContext): Section {
  const ops = [...ctx.sources.operators];
  const scoped = ops.filter((op) => op.scoped).map((op) => code(op.name));
  const standard = ops.filter((op) => op.standard === true);
  const own = ops.filter((op) => op.standard === false);
  const unknown = ops.filter((op) => op.standard === undefined);
  return {
    title: "Opérateurs des expressions",
    body: blocks(
      ctx.reader("expression").describe(ctx.schema("expression")),
      "Une expression est un littéral (`12`, `\"texte\"`, `true`, `null`), un tableau, ou un objet à une seule clé : l'opérateur, suivi de la liste de ses arguments (`{ \"+\": [1, 2] }` ; un argument seul peut s'écrire sans crochets : `{ \"var\": \"data.places\" }`). Les arguments sont eux-mêmes des expressions. Seuls les opérateurs ci-dessous sont acceptés ; le chargement refuse les autres.",
      scoped.length > 0 ? `Dans ${scoped.join(", ")}, le second argument est évalué pour chaque élément du tableau donné en premier argument : \`var\` y lit l'élément courant (dans \`reduce\` : \`current\` et \`accumulator\`).` : "",
      standard.length > 0 ? `### JsonLogic standard\n\n${operatorTable(standard)}` : "",
      own.length > 0 ? `### Propres à Guichet\n\nCes opérateurs n'existent pas dans JsonLogic standard ; un autre outil JsonLogic ne les connaît pas.\n\n${operatorTable(own)}` : "",
      unknown.length > 0 ? `### ${standard.length + own.length > 0 ? "Autres opérateurs" : "Liste"}\n\n${operatorTable(unknown)}` : "",
      "Les exemples sont évalués par l'interpréteur de Guichet à la génération de cette page.",
    ),
  };
}

function messages(): Section {
  const template = "{{data.places}}";
  if (renderTemplate(template, { data: { places: 1 } }) === template) throw new Error("docs/FORMAT.md : la syntaxe des messages a changé : mettez à jour la section Messages");
  return {
    title: "Messages",
    body: blocks(
      "Le message d'une règle (`message`) est un texte en français où `{{chemin}}` insère une valeur du dossier (espaces permis : `{{ data.places }}`). Le chemin se lit comme un `var` d'expression ([racines](#ce-que-lisent-les-expressions) `data`, `facts`, `parameters`, `computed`, `deadlines` et les champs du moteur, pas `input`) ; le chargement du paquet vérifie chaque chemin.",
      "Valeurs sans unité (ici des données de la candidature), écrites par le moteur :",
      table(["Dans le message", "Valeur", "Affiché"], dataSamples()),
      "Un paramètre ou une valeur calculée est écrit selon son unité : voir les tables d'unités des [paramètres](#paramètres) et des [valeurs calculées](#valeurs-calculées).",
    ),
  };
}

export const expressionSections = { roots, operators, messages };
