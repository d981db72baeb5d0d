/**
 * Sections of the format reference about the values of a package:
 * parameters (units, and how a message writes each), deadlines (and what
 * the engine's deadline guard accepts), computed values (types) and rules.
 * Tables come from the meta-schemas; examples from prose.ts, checked
 * against them, with what the engine renders for them.
 */
import { evaluateGuard, GUARDS } from "../../../workflows/guards";
import type { GuardEnv } from "../../../workflows/types";
import { hasType } from "../../engine/compile-procedure";
import { renderTemplate } from "../../engine/message-template";
import type { ReferenceContext, Section } from "./context";
import { frenchInstant } from "./french-dates";
import { blocks, code, inlineJson, jsonBlock, table } from "./markdown";
import { DATA_SAMPLES, EXAMPLE_TIME_ZONE, PIECE_EXAMPLES, TYPE_SAMPLES, UNIT_SAMPLES } from "./prose";
import { at, isNode, propertyTable, type SchemaNode } from "./schema-text";
import { described, link, OWN_SECTIONS } from "./sections-files";

const enumOf = (node: SchemaNode | undefined): string[] => (node && Array.isArray(node.enum) ? node.enum.map(String) : []);

/** The value schema that applies to a parameter of `unit`, merged from the meta-schema's if/then/else. */
function parameterValue(parameter: SchemaNode, unit: string): SchemaNode {
  const base = isNode(parameter.properties) && isNode(parameter.properties.value) ? parameter.properties.value : {};
  const merged: SchemaNode = { ...base };
  for (const branch of Array.isArray(parameter.allOf) ? parameter.allOf.filter(isNode) : []) {
    const condition = isNode(branch.if) && isNode(branch.if.properties) && isNode(branch.if.properties.unit) ? branch.if.properties.unit : undefined;
    if (!condition) continue;
    const matches = condition.const === unit || (Array.isArray(condition.enum) && condition.enum.includes(unit));
    const applied = matches ? branch.then : branch.else;
    if (isNode(applied) && isNode(applied.properties) && isNode(applied.properties.value)) Object.assign(merged, applied.properties.value);
  }
  return merged;
}

/** How a message writes a value of this unit (by the engine's own template renderer). */
function inMessage(root: "parameters" | "computed", unit: string): string {
  if (!(unit in UNIT_SAMPLES)) return "";
  const context = { [root]: { x: UNIT_SAMPLES[unit] } };
  return `${code(inlineJson(UNIT_SAMPLES[unit]))} → « ${renderTemplate(`{{${root}.x}}`, context, { [`${root}.x`]: unit })} »`;
}

function parameters(ctx: ReferenceContext): Section {
  const reader = ctx.reader("manifest");
  const manifestSchema = ctx.schema("manifest");
  const parameter = at(manifestSchema, "#/$defs/parameter") ?? {};
  const unitNode = isNode(parameter.properties) && isNode(parameter.properties.unit) ? parameter.properties.unit : undefined;
  const units = enumOf(unitNode).map((unit) => {
    const value = parameterValue(parameter, unit);
    return [code(unit), reader.typeText(value) + (typeof value.description === "string" ? ` — ${value.description}` : ""), inMessage("parameters", unit)];
  });
  const example = PIECE_EXAMPLES.parameter;
  ctx.check(example.schema, example.value, "paramètre");
  return {
    title: OWN_SECTIONS.parameters!,
    body: blocks(
      described(at(manifestSchema, "#/properties/parameters")),
      propertyTable(reader.rows(parameter, "parameters.<nom>.")),
      `### Unités\n\n${described(unitNode)}`,
      table(["Unité", "Valeur attendue", "Dans un message"], units),
      `Exemple (dans le manifeste) ; les expressions lisent ${code(`parameters.${example.name}`)} (${code(inlineJson(example.value.value))}) :`,
      jsonBlock({ parameters: { [example.name]: example.value } }),
    ),
  };
}

/** Whether `beforeDeadline` accepts an action at `now` for a deadline at `iso` (the engine's own guard). */
function acceptedAt(iso: string, now: Date): boolean {
  const env: Pick<GuardEnv, "now" | "deadlines" | "timeZone"> = { now, timeZone: EXAMPLE_TIME_ZONE, deadlines: { d: { label: "Échéance", at: new Date(iso) } } };
  return evaluateGuard({ type: "beforeDeadline", params: { deadline: "d" } }, env as GuardEnv).ok;
}

function deadlines(ctx: ReferenceContext): Section {
  const schema = ctx.schema("manifest");
  const deadline = at(schema, "#/properties/deadlines/additionalProperties") ?? {};
  const example = PIECE_EXAMPLES.deadline;
  ctx.check(example.schema, example.value, "échéance");
  let inclusive = "";
  if ("beforeDeadline" in GUARDS) {
    const due = new Date(example.value.at);
    const verdicts = [0, 999, 1000].map((ms) => {
      const now = new Date(due.getTime() + ms);
      return `- le ${frenchInstant(now, EXAMPLE_TIME_ZONE, "seconds")} : **${acceptedAt(example.value.at, now) ? "acceptée" : "refusée"}**`;
    });
    inclusive = `Ce que répond la garde ${code("beforeDeadline")} du moteur à une action, pour ${code(`"at": "${example.value.at}"`)} (fuseau ${code(EXAMPLE_TIME_ZONE)}) :\n\n${verdicts.join("\n")}`;
  }
  return {
    title: OWN_SECTIONS.deadlines!,
    body: blocks(
      described(at(schema, "#/properties/deadlines")),
      propertyTable(ctx.reader("manifest").rows(deadline, "deadlines.<nom>.")),
      inclusive,
      `Exemple ; les gardes le nomment ${code(`{ "type": "beforeDeadline", "params": { "deadline": "${example.name}" } }`)}, les expressions lisent sa date locale ${code(`deadlines.${example.name}`)} (${code(JSON.stringify(example.value.at.slice(0, 10)))}) :`,
      jsonBlock({ deadlines: { [example.name]: example.value } }),
    ),
  };
}

function computed(ctx: ReferenceContext): Section {
  const schema = ctx.schema("computed");
  const value = at(schema, "#/$defs/computedValue") ?? {};
  const props = isNode(value.properties) ? value.properties : {};
  const typeNode = isNode(props.type) ? props.type : undefined;
  const unitNode = isNode(props.unit) ? props.unit : undefined;
  const types = enumOf(typeNode).map((type) => {
    const sample = TYPE_SAMPLES[type];
    if (sample !== undefined && !hasType(sample, type)) throw new Error(`docs/FORMAT.md : l'exemple de type « ${type} » n'est pas accepté par hasType : corrigez TYPE_SAMPLES`);
    return [code(type), sample === undefined ? "" : code(inlineJson(sample))];
  });
  const example = PIECE_EXAMPLES.computed;
  ctx.check(example.schema, example.value, "valeur calculée");
  return {
    title: "Valeurs calculées",
    body: blocks(
      described(schema),
      propertyTable(ctx.reader("computed").rows(schema)),
      "Une valeur qui n'a pas le type déclaré (ou qui ne peut pas être calculée, par exemple une division par zéro) vaut null : « aucune valeur ». Les cas de test du paquet le signalent.",
      `### Types\n\n${described(typeNode)}`,
      table(["Type", "Exemple de valeur"], types),
      `### Unités\n\n${described(unitNode)}`,
      table(["Unité", "Dans un message"], enumOf(unitNode).map((unit) => [code(unit), inMessage("computed", unit)])),
      `Exemple ; les autres expressions la lisent par ${code(`computed.${example.name}`)} :`,
      jsonBlock({ values: { [example.name]: example.value } }),
    ),
  };
}

function rules(ctx: ReferenceContext): Section {
  const schema = ctx.schema("rules");
  const example = PIECE_EXAMPLES.rule;
  ctx.check(example.schema, example.value, "règle");
  const shown = renderTemplate(example.value.message, { data: { places: 1 }, parameters: { minimumPlaces: 2 } }, { "parameters.minimumPlaces": "count" });
  return {
    title: "Règles",
    body: blocks(
      described(schema),
      propertyTable(ctx.reader("rules").rows(schema)),
      `Exemple ; avec ${code("data.places")} = 1 et ${code("parameters.minimumPlaces")} = 2, la règle échoue et affiche « ${shown} » (voir ${link("Messages")}) :`,
      jsonBlock({ rules: { [example.name]: example.value } }),
    ),
  };
}

/** How a message writes a value of the application data (no unit). */
export function dataSamples(): string[][] {
  return DATA_SAMPLES.map(({ path, value }) => [code(`{{${path}}}`), value === undefined ? "absente" : code(inlineJson(value)), `« ${renderTemplate(`{{${path}}}`, { data: { [path.split(".")[1]!]: value } })} »`]);
}

export const valueSections = { parameters, deadlines, computed, rules };
