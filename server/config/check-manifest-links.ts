/**
 * Cross-references from the manifest into the rest of the package: the
 * submit/withdraw events, the searchable fields and the filters (scalar
 * fields of the application), the annual cycles (check-cycles.ts), and the
 * states a migration maps (to open leaf states of this version).
 */
import type { ComputedValues } from "./generated/computed";
import type { LifecycleMachine } from "./generated/machine";
import type { ProcedureManifest } from "./generated/manifest";
import { listMachineTransitions } from "../engine/machine-graph";
import { pointer, type Problem } from "./problems";
import { stateInfos } from "../engine/lifecycle";
import { checkCycles } from "./check-cycles";
import { resolveThroughArrays } from "./schema-paths";
import { describeFilterField } from "./search-filters";

const FILE = "manifest.json";

export function checkManifestLinks(manifest: ProcedureManifest, forms: Record<string, { schema: unknown }>, computed: ComputedValues, machine: LifecycleMachine): Problem[] {
  const problems: Problem[] = [];
  const transitions = listMachineTransitions(machine);
  const events = new Set(transitions.map((t) => t.event));
  const requireEvent = (event: string, at: string) => {
    if (!events.has(event)) problems.push({ file: FILE, pointer: at, message: `événement « ${event} » absent du cycle de vie` });
  };
  requireEvent(manifest.actions.submit, "/actions/submit");
  requireEvent(manifest.actions.withdraw, "/actions/withdraw");

  const appSchema = forms[manifest.applicationForm]?.schema;
  (manifest.search?.fields ?? []).forEach((field, i) => {
    if (resolveThroughArrays(appSchema, field).length === 0) problems.push({ file: FILE, pointer: pointer("/search/fields", i), message: `le champ « ${field} » n'existe pas dans le formulaire de candidature` });
  });
  const filtered = new Set<string>();
  (manifest.search?.filters ?? []).forEach(({ field }, i) => {
    const at = pointer("/search/filters", i, "field");
    const info = describeFilterField(appSchema, field);
    if (info === "unknown") problems.push({ file: FILE, pointer: at, message: `le champ « ${field} » n'existe pas dans le formulaire de candidature` });
    if (info === "not_scalar") problems.push({ file: FILE, pointer: at, message: `le champ « ${field} » ne peut pas servir de filtre : il doit porter un texte, une valeur d'une liste, un booléen ou un entier` });
    if (filtered.has(field)) problems.push({ file: FILE, pointer: at, message: `le filtre « ${field} » est déclaré deux fois` });
    filtered.add(field);
  });

  problems.push(...checkCycles(manifest, forms, computed, transitions));
  problems.push(...checkMigration(manifest, machine));
  return problems;
}

/** `migration.states`: each old state no longer exists here; each new one is an open leaf state of this version. */
function checkMigration(manifest: ProcedureManifest, machine: LifecycleMachine): Problem[] {
  const states = stateInfos(machine);
  const leaf = (path: string) => ![...states.keys()].some((other) => other.startsWith(`${path}.`));
  return Object.entries(manifest.migration?.states ?? {}).flatMap(([from, to]) => {
    const at = pointer("/migration/states", from);
    const problems: Problem[] = [];
    if (states.has(from)) problems.push({ file: FILE, pointer: at, message: `l'état « ${from} » existe dans cette version : seuls les états disparus se migrent` });
    const target = states.get(to);
    if (!target) problems.push({ file: FILE, pointer: at, message: `état cible inconnu « ${to} » (états de cette version : ${[...states.keys()].filter(leaf).join(", ")})` });
    else if (!leaf(to) || target.final) problems.push({ file: FILE, pointer: at, message: `« ${to} » doit être un état feuille non final : un dossier ouvert reste ouvert, dans un état précis` });
    return problems;
  });
}
