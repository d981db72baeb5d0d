/**
 * Cross-references of the manifest's label years (`cycles`): the report form
 * and events (the overdue event is sent by the system), the events that open
 * years (their optional start date is a date field of their form, their
 * funding a numeric computed value), and the records filed per year (their
 * event carries their form, whose date field places them in a year).
 */
import type { ComputedValues } from "./generated/computed";
import type { ProcedureManifest } from "./generated/manifest";
import type { TransitionSummary } from "../engine/machine-graph";
import { pointer, type Problem } from "./problems";
import { formatsOf, resolvePath } from "./schema-paths";

const FILE = "manifest.json";

export function checkCycles(manifest: ProcedureManifest, forms: Record<string, { schema: unknown }>, computed: ComputedValues, transitions: TransitionSummary[]): Problem[] {
  const cycles = manifest.cycles;
  if (!cycles) return [];
  const problems: Problem[] = [];
  const report = (at: string, message: string) => problems.push({ file: FILE, pointer: at, message });
  const carriersOf = (event: string, at: string) => {
    const carriers = transitions.filter((t) => t.event === event);
    if (carriers.length === 0) report(at, `événement « ${event} » absent du cycle de vie`);
    return carriers;
  };

  if (!(cycles.reportForm in forms)) report("/cycles/reportForm", `formulaire inconnu « ${cycles.reportForm} »`);
  if (carriersOf(cycles.reportEvent, "/cycles/reportEvent").some((t) => t.form !== cycles.reportForm)) {
    report("/cycles/reportEvent", `l'événement « ${cycles.reportEvent} » doit porter le formulaire « ${cycles.reportForm} »`);
  }
  if (cycles.overdueEvent) {
    const late = carriersOf(cycles.overdueEvent, "/cycles/overdueEvent").find((t) => !t.roles.includes("system"));
    if (late) report("/cycles/overdueEvent", `l'événement « ${cycles.overdueEvent} » est envoyé par le système à l'échéance de chaque bilan : sa transition de « ${late.source} » doit autoriser le rôle « system »`);
  }

  cycles.openOn.forEach((opening, i) => {
    const at = pointer("/cycles/openOn", i);
    const carriers = carriersOf(opening.event, pointer(at, "event"));
    for (const t of opening.startDate === undefined ? [] : carriers) {
      const schema = t.form ? forms[t.form]?.schema : undefined;
      const nodes = schema ? resolvePath(schema, opening.startDate!.split(".").slice(1)) : [];
      if (!formatsOf(nodes).includes("date")) {
        report(pointer(at, "startDate"), `« ${opening.startDate} » n'est pas un champ de format date du formulaire de « ${opening.event} » (${t.source})`);
        break;
      }
    }
    if (typeof opening.years === "object") {
      const parameter = manifest.parameters[opening.years.parameter];
      const value = parameter?.value;
      if (!parameter || parameter.unit !== "count") report(pointer(at, "years", "parameter"), `« ${opening.years.parameter} » n'est pas un paramètre de type nombre (unité « count ») du manifeste`);
      else if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 10) report(pointer(at, "years", "parameter"), `le paramètre « ${opening.years.parameter} » vaut ${JSON.stringify(value)} : un nombre entier d'années de 1 à 10 est attendu`);
    }
    const formula = computed.values[opening.funding];
    if (!formula || (formula.type !== "number" && formula.type !== "integer")) report(pointer(at, "funding"), `« ${opening.funding} » n'est pas une valeur calculée numérique`);
  });

  const recorded = new Set<string>();
  (cycles.records ?? []).forEach((record, i) => {
    const at = pointer("/cycles/records", i);
    if (recorded.has(record.event)) report(pointer(at, "event"), `l'événement « ${record.event} » a déjà un compte rendu déclaré`);
    recorded.add(record.event);
    const form = forms[record.form];
    if (!form) return report(pointer(at, "form"), `formulaire inconnu « ${record.form} »`);
    const other = carriersOf(record.event, pointer(at, "event")).find((t) => t.form !== record.form);
    if (other) report(pointer(at, "form"), `l'événement « ${record.event} » doit porter le formulaire « ${record.form} » (sa transition de « ${other.source} » porte ${other.form ? `« ${other.form} »` : "aucun formulaire"})`);
    if (!formatsOf(resolvePath(form.schema, record.dateField.split("."))).includes("date")) {
      report(pointer(at, "dateField"), `« ${record.dateField} » n'est pas un champ de format date du formulaire « ${record.form} »`);
    }
  });
  return problems;
}
