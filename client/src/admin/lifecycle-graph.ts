/**
 * Turns a lifecycle machine (XState v5 JSON, as in a procedure package) into
 * a flat graph: one node per state, leaf or compound, identified by its dotted
 * path from the root, and one edge per transition with its resolved target.
 * Pure and tolerant: the input is `unknown` (a file being edited), and what
 * cannot be read is left out rather than thrown.
 */

export type StateGraphNode = {
  id: string;
  label: string;
  name: string;
  final: boolean;
  initial: boolean;
  compound: boolean;
  parent?: string;
};

export type StateGraphEdge = {
  from: string;
  to: string;
  event: string;
  label: string;
  timer: boolean;
  guarded: boolean;
  roles: string[];
};

export type MachineGraph = { nodes: StateGraphNode[]; edges: StateGraphEdge[] };

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

type StateInfo = { id: string; path: string[]; node: Json };

/** Depth-first walk in document order. */
function collect(states: unknown, parent: string[], initial: unknown, out: StateInfo[], nodes: StateGraphNode[]): void {
  for (const [name, value] of Object.entries(record(states) ?? {})) {
    const node = record(value);
    if (!node) continue;
    const path = [...parent, name];
    const id = path.join(".");
    const children = record(node.states);
    nodes.push({
      id,
      label: text(record(node.meta)?.label) ?? name,
      name,
      final: node.type === "final",
      initial: initial === name,
      compound: children !== undefined && Object.keys(children).length > 0,
      ...(parent.length > 0 ? { parent: parent.join(".") } : {}),
    });
    out.push({ id, path, node });
    if (children) collect(children, path, node.initial, out, nodes);
  }
}

/** The dotted id a target names, seen from the state at `source`. */
export function resolveTarget(target: string, source: string[], machineId: string | undefined): string {
  if (target.startsWith("#")) {
    const [head, ...rest] = target.slice(1).split(".");
    return head === machineId ? rest.join(".") : target.slice(1);
  }
  if (target.startsWith(".")) return [...source, ...target.slice(1).split(".")].join(".");
  return [...source.slice(0, -1), ...target.split(".")].join(".");
}

/** Timer events of a state and of every state inside it (they bubble up to it). */
function timerEvents(info: StateInfo, all: StateInfo[]): Set<string> {
  const events = new Set<string>();
  for (const other of all) {
    if (other.id !== info.id && !other.id.startsWith(`${info.id}.`)) continue;
    const timers = record(other.node.meta)?.timers;
    if (!Array.isArray(timers)) continue;
    for (const timer of timers) {
      const event = text(record(timer)?.event);
      if (event) events.add(event);
    }
  }
  return events;
}

function transitions(value: unknown): Json[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((t): Json[] => (typeof t === "string" ? [{ target: t }] : record(t) ? [record(t)!] : []));
}

function targets(transition: Json): string[] {
  const target = transition.target;
  const list = Array.isArray(target) ? target : [target];
  return list.filter((t): t is string => typeof t === "string" && t.length > 0);
}

export function machineGraph(machine: unknown): MachineGraph {
  const root = record(machine);
  const nodes: StateGraphNode[] = [];
  const infos: StateInfo[] = [];
  if (!root) return { nodes, edges: [] };
  collect(root.states, [], root.initial, infos, nodes);
  const known = new Set(nodes.map((n) => n.id));
  const machineId = text(root.id);
  const edges: StateGraphEdge[] = [];
  for (const info of infos) {
    const on = record(info.node.on);
    if (!on) continue;
    const timers = timerEvents(info, infos);
    for (const [event, value] of Object.entries(on)) {
      for (const transition of transitions(value)) {
        const meta = record(transition.meta);
        const roles = Array.isArray(meta?.roles) ? meta.roles.filter((r): r is string => typeof r === "string") : [];
        // A targetless transition keeps the dossier in its state: drawn as a loop on it.
        const tos = transition.target === undefined ? [info.id] : targets(transition).map((target) => resolveTarget(target, info.path, machineId));
        for (const to of tos) {
          if (!known.has(to)) continue;
          edges.push({
            from: info.id,
            to,
            event,
            label: text(meta?.label) ?? event,
            // A state's timer, or an event only the system sends (the engine's timers, e.g. a label year's report timer).
            timer: timers.has(event) || (roles.length > 0 && roles.every((r) => r === "system")),
            guarded: transition.guard !== undefined,
            roles,
          });
        }
      }
    }
  }
  return { nodes, edges };
}
