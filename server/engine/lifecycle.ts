/**
 * Reading a package's lifecycle: states as dotted paths ("supported.first_year"),
 * their labels, finality, editability and timers; conversions to and from
 * XState state values.
 */
import type { StateValue } from "xstate";
import type { LifecycleMachine, StateNode } from "../config/generated/machine";
import type { TimerSpec } from "../../workflows/timers";

export type StateInfo = { path: string; label: string; final: boolean; dataEditable: boolean; timers: TimerSpec[] };

export function stateInfos(machine: LifecycleMachine): Map<string, StateInfo> {
  const out = new Map<string, StateInfo>();
  const walk = (states: Record<string, StateNode>, parent: string[]) => {
    for (const [name, node] of Object.entries(states)) {
      const path = [...parent, name].join(".");
      out.set(path, {
        path,
        label: node.meta.label,
        final: node.type === "final",
        dataEditable: node.meta.dataEditable === true,
        timers: (node.meta.timers ?? []) as TimerSpec[],
      });
      if (node.states) walk(node.states, [...parent, name]);
    }
  };
  walk(machine.states, []);
  return out;
}

/** "a.b" → { a: "b" } */
export function toStateValue(path: string): StateValue {
  const parts = path.split(".");
  let value: StateValue = parts.pop()!;
  while (parts.length > 0) value = { [parts.pop()!]: value };
  return value;
}

/** { a: "b" } → "a.b" (the machines have no parallel states). */
export function fromStateValue(value: StateValue): string {
  if (typeof value === "string") return value;
  const [key, child] = Object.entries(value)[0] ?? [];
  if (key === undefined) throw new Error("empty state value");
  return child === undefined ? key : `${key}.${fromStateValue(child as StateValue)}`;
}

/** "a.b.c" → ["a", "a.b", "a.b.c"] */
export function ancestry(path: string): string[] {
  const parts = path.split(".");
  return parts.map((_, i) => parts.slice(0, i + 1).join("."));
}

/** A state with no sub-state. */
export function isLeaf(states: Map<string, unknown>, path: string): boolean {
  return ![...states.keys()].some((other) => other.startsWith(`${path}.`));
}

/** When the dossier last entered `state` (itself or one of its sub-states) from outside it, per its moves. */
export function enteredAtOf(moves: Array<{ at: string; from_state: string | null; to_state: string }>, state: string): string | undefined {
  const inside = (s: string | null) => s !== null && (s === state || s.startsWith(`${state}.`));
  for (let i = moves.length - 1; i >= 0; i--) {
    const move = moves[i]!;
    if (inside(move.to_state) && !inside(move.from_state)) return move.at;
  }
  return undefined;
}
