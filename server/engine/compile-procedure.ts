/**
 * Compiles a loaded procedure package once — form validators, computed values
 * in dependency order, rules, the XState machine — into a pure object the
 * engine calls for every dossier. Nothing here is async or touches storage.
 */
import { initialTransition } from "xstate";
import { buildMachine, type BuiltMachine } from "../../workflows/build-machine";
import { listMachineTransitions, type TransitionSummary } from "./machine-graph";
import { Temporal } from "temporal-polyfill";
import type { EvaluationContext, EvaluationExtras, RuleResult } from "../../workflows/types";
import type { ProcedurePackage } from "../config/package";
import { searchFiltersOf, type SearchFilter } from "../config/search-filters";
import { createAjv, type ValidateFunction } from "./ajv";
import { isIsoDate } from "./date-values";
import { evaluate, isTruthy } from "./expressions";
import { toFieldErrors, type FieldError } from "./field-errors";
import { fromStateValue, stateInfos, type StateInfo } from "./lifecycle";
import { renderTemplate, type PlaceholderUnits } from "./message-template";

export type Evaluation = { context: EvaluationContext; ruleResults: RuleResult[] };

export type CompiledProcedure = {
  id: string;
  title: string;
  hash: string;
  pkg: ProcedurePackage;
  parameters: Record<string, number | string>;
  deadlines: Record<string, { label: string; at: Date }>;
  computedLabels: Record<string, string>;
  machine: BuiltMachine;
  /** Every state by dotted path. */
  states: Map<string, StateInfo>;
  /** Every declared transition, deepest source first. */
  transitions: TransitionSummary[];
  /** The leaf state a new dossier starts in. */
  initialState: string;
  /** The structured filters of the dossier listing, with their French labels and allowed values. */
  searchFilters: SearchFilter[];
  /** French label of a role for this procedure. */
  roleLabel(role: string): string;
  /** French label of an event (its first transition's label). */
  eventLabel(event: string): string;
  /** Field errors of `data` against form `formId` (empty when valid). */
  validateForm(formId: string, data: unknown): FieldError[];
  /** Computed values and rule results for a dossier's data and facts (and, for a stored dossier, its submission and current period). */
  evaluate(data: Record<string, unknown>, facts?: Record<string, unknown>, extras?: EvaluationExtras): Evaluation;
  /** The local date (YYYY-MM-DD) of an instant in the procedure's time zone. */
  localDate(instant: Date | string): string;
};

/** Whether a computed value has its declared type (null is always allowed: "no value"); a date is "YYYY-MM-DD". */
export function hasType(value: unknown, type: string): boolean {
  if (value === null) return true;
  if (type === "date") return isIsoDate(value);
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  if (type === "integer") return typeof value === "number" && Number.isInteger(value);
  return typeof value === type;
}

/** How rule messages write each parameter and computed value: by its unit (a computed date has no unit but its type). */
export function placeholderUnits(pkg: Pick<ProcedurePackage, "manifest" | "computed">): PlaceholderUnits {
  return {
    ...Object.fromEntries(Object.entries(pkg.manifest.parameters).map(([name, p]) => [`parameters.${name}`, p.unit])),
    ...Object.fromEntries(Object.entries(pkg.computed.values).map(([name, v]) => [`computed.${name}`, v.unit ?? (v.type === "date" ? "date" : undefined)])),
  };
}

export function compileProcedure(pkg: ProcedurePackage): CompiledProcedure {
  const ajv = createAjv();
  const formValidators = new Map<string, ValidateFunction>(
    Object.entries(pkg.forms).map(([id, form]) => [id, ajv.compile(form.schema)]),
  );
  const ruleSchemas = new Map<string, ValidateFunction>(
    Object.entries(pkg.rules.rules).flatMap(([name, rule]) => (rule.schema ? [[name, ajv.compile(rule.schema)] as const] : [])),
  );
  const parameters = Object.fromEntries(Object.entries(pkg.manifest.parameters).map(([name, p]) => [name, p.value]));
  const deadlines = Object.fromEntries(Object.entries(pkg.manifest.deadlines).map(([name, d]) => [name, { label: d.label, at: new Date(d.at) }]));
  const computedValues = pkg.computed.values;
  const timeZone = pkg.manifest.timeZone;
  const localDate = (instant: Date | string) =>
    Temporal.Instant.fromEpochMilliseconds(new Date(instant).getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
  const deadlineDates = Object.fromEntries(Object.entries(deadlines).map(([name, d]) => [name, localDate(d.at)]));
  const procedureInfo = { id: pkg.manifest.id, territory: { code: pkg.manifest.territory.code, name: pkg.manifest.territory.name } };

  const options = { timeZone };
  const units = placeholderUnits(pkg);

  function computeAll(context: EvaluationContext): void {
    for (const name of pkg.computedOrder) {
      const value = evaluate(computedValues[name]!.expression, context, options);
      // A value of the wrong type is "no value": the package's cases report it (see run-cases.ts).
      context.computed[name] = hasType(value, computedValues[name]!.type) ? value : null;
    }
  }

  function evaluateRules(context: EvaluationContext): RuleResult[] {
    return Object.entries(pkg.rules.rules).map(([name, rule]) => {
      const base = { name, label: rule.label, severity: rule.severity, derogable: rule.derogable, fields: rule.fields ?? [] };
      if (rule.appliesWhen !== undefined && !isTruthy(evaluate(rule.appliesWhen, context, options))) return { ...base, status: "notApplicable" };
      const passed = rule.expression !== undefined ? isTruthy(evaluate(rule.expression, context, options)) : ruleSchemas.get(name)!(context);
      return passed ? { ...base, status: "pass" } : { ...base, status: "fail", message: renderTemplate(rule.message, context, units) };
    });
  }

  const machine = buildMachine(pkg.machine as unknown as Record<string, unknown>);
  const transitions = listMachineTransitions(pkg.machine).sort((a, b) => b.source.split(".").length - a.source.split(".").length);
  const [initialSnapshot] = initialTransition(machine);
  const roles = pkg.manifest.roles as Record<string, { label: string } | undefined>;

  return {
    id: pkg.manifest.id,
    title: pkg.manifest.title,
    hash: pkg.hash,
    pkg,
    parameters,
    deadlines,
    computedLabels: Object.fromEntries(Object.entries(computedValues).map(([name, v]) => [name, v.label])),
    machine,
    states: stateInfos(pkg.machine),
    transitions,
    initialState: fromStateValue(initialSnapshot.value),
    searchFilters: searchFiltersOf(pkg.manifest, pkg.forms[pkg.manifest.applicationForm]?.schema),
    roleLabel: (role) => (role === "system" ? "Système (échéance)" : roles[role]?.label ?? role),
    eventLabel: (event) => transitions.find((t) => t.event === event)?.label ?? event,
    validateForm(formId, data) {
      const validate = formValidators.get(formId);
      if (!validate) return [{ pointer: "/", message: `formulaire inconnu « ${formId} »`, keyword: "form" }];
      return validate(data) ? [] : toFieldErrors(validate.errors);
    },
    localDate,
    evaluate(data, facts = {}, extras = {}) {
      const context: EvaluationContext = {
        data, facts, parameters, computed: {}, deadlines: deadlineDates, procedure: procedureInfo,
        dossier: { submittedOn: extras.submittedAt ? localDate(extras.submittedAt) : null },
        period: extras.period ?? null,
      };
      computeAll(context);
      return { context, ruleResults: evaluateRules(context) };
    },
  };
}
