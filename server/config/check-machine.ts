/**
 * Cross-reference checks of a lifecycle machine: targets exist, every state is
 * reachable and has a way out (a targetless transition, which keeps the
 * dossier where it is, is neither), guards are registered with valid params
 * naming existing rules/deadlines/fields, action forms and roles are
 * declared, alternatives of one event share roles and form, prefills are
 * valid expressions, and every durable timer fires an event that its state
 * handles (see check-timers.ts).
 */
import { createAjv, type ValidateFunction } from "../engine/ajv";
import { checkExpression } from "./check-expression";
import { checkTimer } from "./check-timers";
import { toFieldErrors } from "../engine/field-errors";
import { GUARDS } from "../../workflows/guards";
import type { GuardRef } from "../../workflows/types";
import type { LifecycleMachine, StateNode } from "./generated/machine";
import { collectNodes, resolveTarget, transitionsOf, type NodeInfo, type TransitionInfo } from "../engine/machine-graph";
import { packageScope, type ScopeOptions, type ScopeSources } from "./package-scope";
import { pointer, type Problem } from "./problems";

export type MachineContext = ScopeSources & {
  file: string;
  roles: string[];
  deadlines: string[];
  rules: string[];
  computedTypes: Record<string, string>;
  parameterUnits: Record<string, string>;
  /** The cycles' overdue event (manifest `cycles.overdueEvent`): the engine schedules it for each label year. */
  overdueEvent?: string;
};

const ajv = createAjv();
const paramValidators = new Map<string, ValidateFunction>();
function paramsValidator(type: string): ValidateFunction {
  let validate = paramValidators.get(type);
  if (!validate) {
    validate = ajv.compile(GUARDS[type]!.paramsSchema);
    paramValidators.set(type, validate);
  }
  return validate;
}

export function checkMachine(machine: LifecycleMachine, ctx: MachineContext): Problem[] {
  const problems: Problem[] = [];
  const report = (at: string, message: string) => problems.push({ file: ctx.file, pointer: at, message });
  const nodes = new Map<string, NodeInfo>();
  collectNodes(machine.states, [], "/states", nodes);
  const root: NodeInfo = { path: [], node: { meta: { label: "" }, states: machine.states, initial: machine.initial }, at: "" };
  const nodeAt = (path: string[]) => (path.length === 0 ? root : nodes.get(path.join(".")));

  // Initial states of compound nodes.
  for (const info of [root, ...nodes.values()]) {
    if (info.node.initial && !info.node.states?.[info.node.initial]) {
      report(pointer(info.at, "initial"), `état initial inconnu « ${info.node.initial} »`);
    }
  }

  const transitions = [...nodes.values()].flatMap(transitionsOf);
  const targets = new Map<TransitionInfo, string[]>();
  const timerEvents = new Set<string>(ctx.overdueEvent ? [ctx.overdueEvent] : []);
  for (const info of nodes.values()) for (const timer of info.node.meta.timers ?? []) timerEvents.add(timer.event);

  for (const t of transitions) {
    const path = t.transition.target === undefined ? undefined : resolveTarget(machine.id, t.from.path, t.transition.target);
    if (path === undefined) {
      // Targetless: the dossier stays in its state.
    } else if (!path || !nodes.has(path.join("."))) report(pointer(t.at, "target"), `état cible inconnu « ${t.transition.target} »`);
    else {
      targets.set(t, path);
      const source = t.from.path.join(".");
      const target = path.join(".");
      // XState would exit and re-enter states here, which the engine does not model: refuse these shapes.
      if (target !== source && source.startsWith(`${target}.`)) report(pointer(t.at, "target"), `transition vers un état parent (« ${target} ») non prise en charge : visez un état voisin ou extérieur`);
      if (target !== source && target.startsWith(`${source}.`)) report(pointer(t.at, "target"), `transition d'un état vers l'un de ses sous-états (« ${target} ») non prise en charge : déclarez-la sur le sous-état d'origine`);
    }
    const form = t.transition.meta.form;
    if (form !== undefined && !Object.hasOwn(ctx.formSchemas, form)) report(pointer(t.at, "meta", "form"), `formulaire inconnu « ${form} » (formulaires du manifeste : ${Object.keys(ctx.formSchemas).join(", ")})`);
    t.transition.meta.roles.forEach((role, i) => {
      if (role !== "system" && !ctx.roles.includes(role)) report(pointer(t.at, "meta", "roles", i), `rôle « ${role} » non déclaré dans le manifeste`);
    });
    if (t.transition.meta.roles.includes("system") && !timerEvents.has(t.event)) {
      report(pointer(t.at, "meta", "roles"), `l'événement système « ${t.event} » n'est programmé par aucune minuterie`);
    }
    const inputForm = form !== undefined && Object.hasOwn(ctx.formSchemas, form) ? form : undefined;
    if (t.transition.guard) checkGuard(t.transition.guard as GuardRef, pointer(t.at, "guard"), { inputForm, transition: { event: t.event, state: t.from.path.join(".") } });
    if (t.transition.meta.prefill !== undefined) {
      const prefillAt = pointer(t.at, "meta", "prefill");
      if (form === undefined) report(prefillAt, `« prefill » sans formulaire : l'action « ${t.event} » n'a pas de formulaire à pré-remplir`);
      else checkExpression(t.transition.meta.prefill, packageScope(ctx), ctx.file, prefillAt, problems);
    }
  }

  function checkGuard(ref: GuardRef, at: string, scopeOptions: ScopeOptions): void {
    const definition = Object.hasOwn(GUARDS, ref.type) ? GUARDS[ref.type] : undefined;
    if (!definition) {
      report(pointer(at, "type"), `garde inconnue « ${ref.type} » (gardes du registre : ${Object.keys(GUARDS).join(", ")})`);
      return;
    }
    const params = (ref.params ?? {}) as Record<string, unknown>;
    const validate = paramsValidator(ref.type);
    if (!validate(params)) {
      for (const e of toFieldErrors(validate.errors)) report(pointer(at, "params") + (e.pointer === "/" ? "" : e.pointer), e.message);
      return;
    }
    const scope = packageScope(ctx, scopeOptions);
    const refs = { deadlines: ctx.deadlines, rules: ctx.rules, computed: ctx.computedTypes, checkPath: (p: string) => scope.check(p) };
    for (const message of definition.references(params, refs)) report(pointer(at, "params"), message);
    for (const nested of definition.nested?.(params) ?? []) checkGuard(nested.ref, pointer(at, ...nested.path), scopeOptions);
  }

  // One event from one leaf state: every transition that may take it (on the leaf or its parents) names the same
  // roles, so that the engine (which filters candidates by role) and XState (which does not) choose the same one,
  // and the same form, which the engine checks before trying the guarded alternatives.
  for (const info of nodes.values()) {
    if (info.node.states) continue;
    const rolesByEvent = new Map<string, Set<string>>();
    const formsByEvent = new Map<string, Set<string>>();
    for (let depth = info.path.length; depth >= 1; depth--) {
      for (const t of transitionsOf(nodeAt(info.path.slice(0, depth))!)) {
        rolesByEvent.set(t.event, (rolesByEvent.get(t.event) ?? new Set()).add([...t.transition.meta.roles].sort().join(",")));
        formsByEvent.set(t.event, (formsByEvent.get(t.event) ?? new Set()).add(t.transition.meta.form ?? "(aucun)"));
      }
    }
    for (const [event, roleSets] of rolesByEvent) {
      if (roleSets.size > 1) report(info.at, `l'événement « ${event} » est accepté dans cet état par des transitions aux rôles différents (${[...roleSets].join(" / ")}) : donnez-leur les mêmes rôles`);
    }
    for (const [event, forms] of formsByEvent) {
      if (forms.size > 1) report(info.at, `l'événement « ${event} » est accepté dans cet état par des transitions aux formulaires différents (${[...forms].join(" / ")}) : donnez-leur le même formulaire`);
    }
  }

  // Timers: their event is handled here, by an ancestor, or (for a compound state's timer, which runs while the
  // dossier moves between its sub-states) by a sub-state; their dates and delays exist.
  for (const [key, info] of nodes) {
    (info.node.meta.timers ?? []).forEach((timer, i) => {
      const takes = (owner: NodeInfo | undefined) => (owner ? transitionsOf(owner).some((t) => t.event === timer.event) : false);
      const handled = info.path.some((_, depth) => takes(nodeAt(info.path.slice(0, depth + 1))))
        || [...nodes].some(([other, sub]) => other.startsWith(`${key}.`) && takes(sub));
      checkTimer(timer, ctx, pointer(info.at, "meta", "timers", i), handled, report);
    });
  }

  // Reachability over leaf configurations, and dead ends.
  const reached = new Set<string>();
  const enter = (path: string[]): string[] | null => {
    let current = path;
    for (let guard = 0; guard < 50; guard++) {
      for (let i = 1; i <= current.length; i++) reached.add(current.slice(0, i).join("."));
      const info = nodeAt(current);
      if (!info) return null;
      if (!info.node.states || !info.node.initial || !info.node.states[info.node.initial]) return current;
      current = [...current, info.node.initial];
    }
    return null;
  };
  const queue: string[][] = [];
  const seenLeaves = new Set<string>();
  const push = (leaf: string[] | null) => {
    if (leaf && !seenLeaves.has(leaf.join("."))) {
      seenLeaves.add(leaf.join("."));
      queue.push(leaf);
    }
  };
  push(enter([]));
  while (queue.length > 0) {
    const leaf = queue.shift()!;
    // A targetless transition keeps the dossier here: neither a way out nor an edge.
    const outgoing = leaf.flatMap((_, depth) => {
      const owner = nodeAt(leaf.slice(0, depth + 1));
      return owner ? transitionsOf(owner).filter((t) => t.transition.target !== undefined) : [];
    });
    const info = nodeAt(leaf);
    if (info && info.node.type !== "final" && outgoing.length === 0) report(info.at, "état sans issue : aucun événement ne permet d'en sortir (déclarez-le « final » ou ajoutez une transition)");
    for (const t of outgoing) {
      const target = targets.get(t);
      if (target) push(enter(target));
    }
  }
  for (const [key, info] of nodes) {
    if (!reached.has(key)) report(info.at, `état « ${key} » inaccessible depuis l'état initial`);
  }
  return problems;
}
