/**
 * Cross-reference checks of computed values and rules: expressions use known
 * operators and readable variables, computed values have no cycle (and get an
 * evaluation order), rule schemas compile, message templates and field
 * pointers name things that exist.
 */
import { createAjv } from "../engine/ajv";
import { TEMPLATE_PLACEHOLDER } from "../engine/message-template";
import { checkExpression } from "./check-expression";
import type { ComputedValues } from "./generated/computed";
import type { Rules } from "./generated/rules";
import { packageScope, type ScopeSources } from "./package-scope";
import { pointer, type Problem } from "./problems";
import { resolvePath } from "./schema-paths";

const ajv = createAjv();

/** Checks computed values; returns the problems and an evaluation order (dependencies first). */
export function checkComputed(computed: ComputedValues, sources: ScopeSources, file: string): { problems: Problem[]; order: string[] } {
  const problems: Problem[] = [];
  const dependencies = new Map<string, Set<string>>();
  for (const [name, value] of Object.entries(computed.values)) {
    const deps = new Set<string>();
    const scope = packageScope(sources, { onComputed: (dep) => deps.add(dep) });
    checkExpression(value.expression, scope, file, pointer("/values", name, "expression"), problems);
    dependencies.set(name, deps);
  }
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      problems.push({ file, pointer: pointer("/values", name, "expression"), message: `dépendance circulaire : ${cycle.join(" → ")}` });
      return;
    }
    state.set(name, "visiting");
    for (const dep of dependencies.get(name) ?? []) visit(dep, [...trail, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of dependencies.keys()) visit(name, []);
  return { problems, order };
}

/** Problems of a `{{path}}` message template. */
export function checkTemplate(message: string, sources: ScopeSources, file: string, at: string): Problem[] {
  const scope = packageScope(sources);
  return [...message.matchAll(TEMPLATE_PLACEHOLDER)].flatMap((m) => {
    const error = scope.check(m[1]!);
    return error ? [{ file, pointer: at, message: `message : ${error}` }] : [];
  });
}

export function checkRules(rules: Rules, sources: ScopeSources, file: string): Problem[] {
  const problems: Problem[] = [];
  const appSchema = sources.formSchemas[sources.applicationForm];
  for (const [name, rule] of Object.entries(rules.rules)) {
    const at = pointer("/rules", name);
    const scope = packageScope(sources);
    if (rule.appliesWhen !== undefined) checkExpression(rule.appliesWhen, scope, file, pointer(at, "appliesWhen"), problems);
    if (rule.expression !== undefined) checkExpression(rule.expression, scope, file, pointer(at, "expression"), problems);
    if (rule.schema !== undefined) {
      try {
        ajv.compile(rule.schema);
      } catch (error) {
        problems.push({ file, pointer: pointer(at, "schema"), message: `schéma de règle invalide : ${(error as Error).message}` });
      }
    }
    problems.push(...checkTemplate(rule.message, sources, file, pointer(at, "message")));
    (rule.fields ?? []).forEach((field, i) => {
      if (resolvePath(appSchema, field.slice(1).split("/")).length === 0) {
        problems.push({ file, pointer: pointer(at, "fields", i), message: `le pointeur « ${field} » ne désigne aucun champ du formulaire « ${sources.applicationForm} »` });
      }
    });
  }
  return problems;
}
