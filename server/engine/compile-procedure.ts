/**
 * Compiles a loaded procedure package once — form validators, computed values
 * in dependency order, rules, the XState machine — into a pure object the
 * engine calls for every dossier. Nothing here is async or touches storage.
 */
import { buildMachine, type BuiltMachine } from "../../workflows/build-machine";
import type { EvaluationContext, RuleResult } from "../../workflows/types";
import type { ProcedurePackage } from "../config/package";
import { createAjv, type ValidateFunction } from "./ajv";
import { evaluate, isTruthy } from "./expressions";
import { toFieldErrors, type FieldError } from "./field-errors";
import { renderTemplate } from "./message-template";

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
  /** Field errors of `data` against form `formId` (empty when valid). */
  validateForm(formId: string, data: unknown): FieldError[];
  /** Computed values and rule results for a dossier's data and facts. */
  evaluate(data: Record<string, unknown>, facts?: Record<string, unknown>): Evaluation;
};

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

  function computeAll(context: EvaluationContext): void {
    for (const name of pkg.computedOrder) {
      context.computed[name] = evaluate(computedValues[name]!.expression, context);
    }
  }

  function evaluateRules(context: EvaluationContext): RuleResult[] {
    return Object.entries(pkg.rules.rules).map(([name, rule]) => {
      const base = { name, label: rule.label, severity: rule.severity, derogable: rule.derogable, fields: rule.fields ?? [] };
      if (rule.appliesWhen !== undefined && !isTruthy(evaluate(rule.appliesWhen, context))) return { ...base, status: "notApplicable" };
      const passed = rule.expression !== undefined ? isTruthy(evaluate(rule.expression, context)) : ruleSchemas.get(name)!(context);
      return passed ? { ...base, status: "pass" } : { ...base, status: "fail", message: renderTemplate(rule.message, context) };
    });
  }

  return {
    id: pkg.manifest.id,
    title: pkg.manifest.title,
    hash: pkg.hash,
    pkg,
    parameters,
    deadlines,
    computedLabels: Object.fromEntries(Object.entries(computedValues).map(([name, v]) => [name, v.label])),
    machine: buildMachine(pkg.machine as unknown as Record<string, unknown>),
    validateForm(formId, data) {
      const validate = formValidators.get(formId);
      if (!validate) return [{ pointer: "/", message: `formulaire inconnu « ${formId} »`, keyword: "form" }];
      return validate(data) ? [] : toFieldErrors(validate.errors);
    },
    evaluate(data, facts = {}) {
      const context: EvaluationContext = { data, facts, parameters, computed: {} };
      computeAll(context);
      return { context, ruleResults: evaluateRules(context) };
    },
  };
}
