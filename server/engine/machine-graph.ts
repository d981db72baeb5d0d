/**
 * Reading a lifecycle machine's JSON as a graph: its state nodes by dotted
 * path, the transitions each declares (with their JSON pointers, for the
 * loader's messages), XState's target syntax resolved, and the summaries the
 * engine compiles. Shared by the loader's checks (check-machine.ts) and the
 * engine (compile-procedure.ts), so the engine never imports the loader.
 */
import type { LifecycleMachine, StateNode, Transition } from "../config/generated/machine";
import { pointer } from "../config/problems";
import type { GuardRef } from "../../workflows/types";

export type NodeInfo = { path: string[]; node: StateNode; at: string };
export type TransitionInfo = { from: NodeInfo; event: string; transition: Transition; at: string };

export function collectNodes(states: Record<string, StateNode>, parent: string[], at: string, out: Map<string, NodeInfo>): void {
  for (const [name, node] of Object.entries(states)) {
    const path = [...parent, name];
    const nodeAt = pointer(at, name);
    out.set(path.join("."), { path, node, at: nodeAt });
    if (node.states) collectNodes(node.states, path, pointer(nodeAt, "states"), out);
  }
}

const transitionCache = new WeakMap<NodeInfo, TransitionInfo[]>();

/** The transitions declared on a node (the same objects on every call). */
export function transitionsOf(info: NodeInfo): TransitionInfo[] {
  const cached = transitionCache.get(info);
  if (cached) return cached;
  const list = listTransitions(info);
  transitionCache.set(info, list);
  return list;
}

function listTransitions(info: NodeInfo): TransitionInfo[] {
  return Object.entries(info.node.on ?? {}).flatMap(([event, value]) => {
    const list = Array.isArray(value) ? value : [value];
    return list.map((transition, i) => ({
      from: info, event, transition,
      at: Array.isArray(value) ? pointer(info.at, "on", event, i) : pointer(info.at, "on", event),
    }));
  });
}

/** XState target syntax: "#machine.a.b" (absolute), ".child", or a sibling name. */
export function resolveTarget(machineId: string, from: string[], target: string): string[] | null {
  if (target.startsWith("#")) {
    const [id, ...rest] = target.slice(1).split(".");
    return id === machineId ? rest : null;
  }
  if (target.startsWith(".")) return [...from, ...target.slice(1).split(".")];
  return [...from.slice(0, -1), ...target.split(".")];
}

/** `target`: a dotted state path, or null for a targetless transition (the dossier stays where it is). */
export type TransitionSummary = { source: string; event: string; target: string | null; roles: string[]; label: string; form?: string; guard?: GuardRef; prefill?: unknown };

/** Every transition a machine declares, with its source and resolved target as dotted state paths. */
export function listMachineTransitions(machine: LifecycleMachine): TransitionSummary[] {
  const nodes = new Map<string, NodeInfo>();
  collectNodes(machine.states, [], "/states", nodes);
  return [...nodes.values()].flatMap(transitionsOf).map((t) => {
    const target = t.transition.target === undefined ? null : resolveTarget(machine.id, t.from.path, t.transition.target);
    return {
      source: t.from.path.join("."),
      event: t.event,
      target: target && nodes.has(target.join(".")) ? target.join(".") : null,
      roles: t.transition.meta.roles,
      label: t.transition.meta.label,
      ...(t.transition.meta.form ? { form: t.transition.meta.form } : {}),
      ...(t.transition.guard ? { guard: t.transition.guard as GuardRef } : {}),
      ...(t.transition.meta.prefill !== undefined ? { prefill: t.transition.meta.prefill } : {}),
    };
  });
}

/** Every state of a machine as a dotted path (compound and leaf). */
export function listMachineStates(machine: LifecycleMachine): string[] {
  const nodes = new Map<string, NodeInfo>();
  collectNodes(machine.states, [], "/states", nodes);
  return [...nodes.keys()];
}
