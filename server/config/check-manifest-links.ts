/**
 * Cross-references from the manifest into the rest of the package: the
 * submit/withdraw events, the searchable fields and the filters (scalar
 * fields of the application), and the annual cycles
 * (report form and events, the events that open cycles, their start date and
 * funding formula).
 */
import type { ComputedValues } from "./generated/computed";
import type { LifecycleMachine } from "./generated/machine";
import type { ProcedureManifest } from "./generated/manifest";
import { listMachineTransitions } from "./check-machine";
import { pointer, type Problem } from "./problems";
import { formatsOf, resolvePath, resolveThroughArrays } from "./schema-paths";
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

  const cycles = manifest.cycles;
  if (!cycles) return problems;
  if (!(cycles.reportForm in forms)) problems.push({ file: FILE, pointer: "/cycles/reportForm", message: `formulaire inconnu « ${cycles.reportForm} »` });
  requireEvent(cycles.reportEvent, "/cycles/reportEvent");
  if (transitions.some((t) => t.event === cycles.reportEvent && t.form !== cycles.reportForm)) {
    problems.push({ file: FILE, pointer: "/cycles/reportEvent", message: `l'événement « ${cycles.reportEvent} » doit porter le formulaire « ${cycles.reportForm} »` });
  }
  if (cycles.overdueEvent) requireEvent(cycles.overdueEvent, "/cycles/overdueEvent");
  cycles.openOn.forEach((opening, i) => {
    const at = pointer("/cycles/openOn", i);
    const carriers = transitions.filter((t) => t.event === opening.event);
    if (carriers.length === 0) {
      problems.push({ file: FILE, pointer: pointer(at, "event"), message: `événement « ${opening.event} » absent du cycle de vie` });
    }
    for (const t of carriers) {
      const schema = t.form ? forms[t.form]?.schema : undefined;
      const nodes = schema ? resolvePath(schema, opening.startDate.split(".").slice(1)) : [];
      if (!formatsOf(nodes).includes("date")) {
        problems.push({ file: FILE, pointer: pointer(at, "startDate"), message: `« ${opening.startDate} » n'est pas un champ de format date du formulaire de « ${opening.event} » (${t.source})` });
        break;
      }
    }
    const formula = computed.values[opening.funding];
    if (!formula || (formula.type !== "number" && formula.type !== "integer")) {
      problems.push({ file: FILE, pointer: pointer(at, "funding"), message: `« ${opening.funding} » n'est pas une valeur calculée numérique` });
    }
  });
  return problems;
}
