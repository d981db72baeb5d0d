/**
 * Sections of the format reference about the lifecycle: states and
 * transitions (machine meta-schema), every guard of the registry with its
 * parameters, timers (with due instants computed by the engine's timer
 * arithmetic), the annual cycles and migration sections of the manifest,
 * and the hand-written semantics of a decision, of `facts` and of time.
 */
import { computeTimerDue } from "../../../workflows/timers";
import type { GuardDoc, ReferenceContext, Section } from "./context";
import { frenchInstant } from "./french-dates";
import { blocks, code, inlineJson, jsonBlock } from "./markdown";
import { DECISION_STEPS, FACTS_EXAMPLE, FACTS_TEXT, GUARD_EXAMPLES, PIECE_EXAMPLES, TIME_TEXT, TIMER_EXAMPLES, EXAMPLE_TIME_ZONE } from "./prose";
import { at, isNode, propertyTable, schemaReader, type SchemaNode } from "./schema-text";
import { described, OWN_SECTIONS } from "./sections-files";


function machine(ctx: ReferenceContext): Section {
  const schema = ctx.schema("machine");
  const reader = ctx.reader("machine");
  const transition = at(schema, "#/$defs/transition") ?? {};
  const state = PIECE_EXAMPLES.state;
  const event = PIECE_EXAMPLES.transition;
  ctx.check(state.schema, state.value, "état");
  ctx.check(event.schema, event.value, "transition");
  return {
    title: "Cycle de vie",
    body: blocks(
      described(schema),
      "### La machine et ses états",
      propertyTable(reader.rows(schema, "", ["#/$defs/timer", "#/$defs/transition"])),
      reader.notes(at(schema, "#/$defs/stateNode") ?? {}).join(" "),
      "Un état a des sous-états (`states` et `initial`) ou n'en a pas ; un état `final` clôt le dossier et n'accepte plus d'événement. Les [minuteries](#minuteries) d'un état sont décrites plus bas.",
      jsonBlock({ [state.name]: state.value }),
      "### Transitions",
      "`on` associe à chaque événement (en majuscules) une transition, ou une liste de transitions essayées dans l'ordre (voir [Comment le moteur décide une transition](#comment-le-moteur-décide-une-transition)). Une transition déclarée sur un état parent vaut pour tous ses sous-états.",
      propertyTable(reader.rows(transition, "on.<ÉVÉNEMENT>.", ["#/$defs/guard"])),
      `La garde est l'une de celles du [registre](#gardes) : ${code('{ "type": "<nom>", "params": { … } }')}.`,
      jsonBlock({ on: { [event.name]: event.value } }),
    ),
  };
}

/** A value for a schema, when one can be made up (for a guard that has no example yet). */
function sample(node: SchemaNode): unknown {
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum)) return node.enum[0];
  if (node.type === "object") {
    const props = isNode(node.properties) ? node.properties : {};
    const required = Array.isArray(node.required) ? node.required.map(String) : [];
    return Object.fromEntries(required.filter((k) => isNode(props[k])).map((k) => [k, sample(props[k] as SchemaNode)]));
  }
  if (node.type === "array") return isNode(node.items) ? [sample(node.items)] : [];
  if (node.type === "boolean") return true;
  if (node.type === "number" || node.type === "integer") return typeof node.minimum === "number" ? node.minimum : 1;
  return "nom";
}

function guardExample(ctx: ReferenceContext, name: string, guard: GuardDoc): string {
  const params = name in GUARD_EXAMPLES ? GUARD_EXAMPLES[name] : sample(guard.paramsSchema);
  if (!ctx.matches(guard.paramsSchema, params ?? {})) {
    if (name in GUARD_EXAMPLES) throw new Error(`docs/FORMAT.md : l'exemple de la garde « ${name} » ne respecte plus ses paramètres : corrigez GUARD_EXAMPLES`);
    return "";
  }
  const empty = params === undefined || (isNode(params) && Object.keys(params).length === 0);
  return jsonBlock(empty ? { type: name } : { type: name, params });
}

function guards(ctx: ReferenceContext): Section {
  const entries = Object.entries(ctx.sources.guards);
  const parts = entries.map(([name, guard]) => {
    const rows = schemaReader(new Map(), guard.paramsSchema).rows(guard.paramsSchema);
    return blocks(`### ${code(name)}`, guard.description, rows.length > 0 ? propertyTable(rows) : "Sans paramètre.", guardExample(ctx, name, guard));
  });
  return {
    title: "Gardes",
    body: blocks(
      `Une garde décide si une transition est ouverte ; refusée, elle dit pourquoi (les messages des règles, les champs en erreur, l'échéance dépassée). Le registre de Guichet (\`workflows/guards.ts\`) en compte ${entries.length} : ${entries.map(([n]) => code(n)).join(", ")}. Le chargement refuse une garde inconnue, des paramètres invalides et les noms qu'ils citent s'ils n'existent pas dans le paquet (échéance, règle, valeur calculée, chemin).`,
      ...parts,
    ),
  };
}

/** The alternatives of each property of a timer that has several forms (`delay`). */
function forms(ctx: ReferenceContext, timer: SchemaNode): string[] {
  const reader = ctx.reader("machine");
  const props = isNode(timer.properties) ? timer.properties : {};
  return Object.entries(props).flatMap(([name, value]) => {
    const alternatives = isNode(value) && Array.isArray(value.anyOf) ? value.anyOf.filter(isNode) : [];
    if (alternatives.length < 2) return [];
    const items = alternatives.map((alt) => {
      const resolved = reader.resolve(alt);
      const inner = isNode(resolved.properties) ? Object.values(resolved.properties).filter(isNode) : [];
      const note = reader.describe(alt) || inner.map((v) => reader.describe(v)).filter(Boolean).join(" ");
      return `- ${reader.alternative(alt)}${note ? ` — ${note}` : ""}`;
    });
    return [`Formes de ${code(name)} :\n\n${items.join("\n")}`];
  });
}

function timers(ctx: ReferenceContext): Section {
  const schema = ctx.schema("machine");
  const timer = at(schema, "#/$defs/timer") ?? {};
  const examples = TIMER_EXAMPLES.map((example, i) => {
    ctx.check("urn:guichet:meta:machine#/$defs/timer", example.timer, `minuterie ${i + 1}`);
    const due = computeTimerDue(example.timer, {
      enteredAt: new Date(example.enteredAt), read: (path) => example.values[path], parameters: example.parameters, timeZone: EXAMPLE_TIME_ZONE,
    });
    if (!due) throw new Error(`docs/FORMAT.md : la minuterie d'exemple ${i + 1} n'a pas d'échéance : corrigez TIMER_EXAMPLES`);
    return `- ${code(inlineJson(example.timer))} ; ${example.given} → échoit le **${frenchInstant(due, EXAMPLE_TIME_ZONE)}** (${EXAMPLE_TIME_ZONE}).`;
  });
  return {
    title: "Minuteries",
    body: blocks(
      described(at(schema, "#/$defs/stateMeta/properties/timers")),
      "Une minuterie envoie son événement (rôle `system`) à son échéance, une seule fois, même après un redémarrage du serveur ; l'événement doit être accepté par l'état ou l'un de ses parents, par une transition dont les rôles comprennent `system`.",
      propertyTable(ctx.reader("machine").rows(timer, "meta.timers[].")),
      ctx.reader("machine").notes(timer).join(" "),
      ...forms(ctx, timer),
      `Exemples, avec l'échéance calculée par le moteur :\n\n${examples.join("\n")}`,
    ),
  };
}

/** A section for a top-level key of the manifest (cycles, migration), when the meta-schema has it. */
function manifestPart(ctx: ReferenceContext, key: "cycles" | "migration", intro: string): Section | null {
  const schema = ctx.schema("manifest");
  const node = at(schema, `#/properties/${key}`);
  if (!node) return null;
  const example = PIECE_EXAMPLES[key];
  ctx.check(example.schema, example.value, key);
  return {
    title: OWN_SECTIONS[key]!,
    body: blocks(described(node), intro, propertyTable(ctx.reader("manifest").rows(node, `${key}.`)), jsonBlock({ [key]: example.value })),
  };
}

const cycles = (ctx: ReferenceContext) => manifestPart(ctx, "cycles", [
  "Les années de label d'un dossier se lisent par les champs `period.*` (voir [Champs fournis par le moteur](#champs-fournis-par-le-moteur)) : la période en cours est faite des années ouvertes par le dernier événement d'ouverture.",
  "Chaque année ouverte reçoit, si `overdueEvent` est déclaré, une minuterie à l'échéance de son bilan, qui ne dépend pas des états : à son échéance, l'année passe en retard ; si l'état du dossier accepte l'événement du rôle `system`, la transition s'applique, sinon le retard est seulement inscrit à l'historique. Elle n'est annulée que par le dépôt du bilan de cette année ou la clôture du dossier.",
].join(" "));
const migration = (ctx: ReferenceContext) => manifestPart(ctx, "migration", "Publier une nouvelle version ne change pas les dossiers ouverts ; la migration explicite les y fait passer et signale ceux dont les données ne respectent plus les formulaires.");

function decision(): Section {
  return { title: "Comment le moteur décide une transition", body: DECISION_STEPS };
}

function facts(): Section {
  const after = { ...FACTS_EXAMPLE.before, decision: FACTS_EXAMPLE.input };
  return {
    title: "Ce que contient `facts.<formulaire>`",
    body: blocks(
      FACTS_TEXT,
      `Exemple : une transition de formulaire ${code("decision")} est acceptée avec la saisie ${code(inlineJson(FACTS_EXAMPLE.input))}. Avant : ${code(inlineJson(FACTS_EXAMPLE.before))} ; après : ${code(inlineJson(after))} (le champ ${code("derogation")}, absent de la saisie, a disparu). Pendant la décision, ses gardes lisaient déjà ${code("input.places")} = ${code("facts.decision.places")} = 12.`,
    ),
  };
}

function time(): Section {
  return { title: "Dates, échéances et fuseau horaire", body: TIME_TEXT };
}

export const lifecycleSections = { machine, guards, timers, cycles, migration, decision, facts, time };
