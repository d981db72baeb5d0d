/**
 * Places a lifecycle graph with dagre: node boxes sized from their text,
 * transition labels as dagre edge labels, a start dot before the machine's
 * initial state, and a dashed edge from each compound state to its initial
 * child (dagre clusters cannot take edges, so compound states are plain nodes).
 * Text widths are estimates: no DOM is needed, so this runs in Node too.
 */
import { Graph, layout } from "@dagrejs/dagre";
import type { MachineGraph, StateGraphEdge, StateGraphNode } from "./lifecycle-graph";

export type Point = { x: number; y: number };
export type PlacedNode = StateGraphNode & Point & { width: number; height: number };
export type PlacedEdge =
  | { kind: "transition"; edge: StateGraphEdge; text: string; points: Point[]; label: Point & { width: number } }
  | { kind: "initial" | "start"; points: Point[] };
export type LifecycleLayout = { width: number; height: number; nodes: PlacedNode[]; edges: PlacedEdge[]; start?: Point };

export const NODE_HEIGHT = 46;
export const LABEL_HEIGHT = 18;
/** Room left of a timer edge's label for the clock mark. */
export const CLOCK_WIDTH = 14;
const START = "__start"; // not a valid state name, so no clash

/** The text of a transition label: its label, and a mark when a guard decides. */
export function edgeText(edge: StateGraphEdge): string {
  return edge.guarded ? `${edge.label} [condition]` : edge.label;
}

function nodeWidth(node: StateGraphNode): number {
  return Math.max(110, Math.ceil(Math.max(node.label.length * 7.6, node.id.length * 6.2)) + 28);
}

type EdgeData = { width: number; height: number; labelpos?: "c"; minlen?: number; weight?: number; points?: Point[]; x?: number; y?: number };

export function layoutLifecycle(graph: MachineGraph, rankdir: "TB" | "LR" = "TB"): LifecycleLayout {
  const g = new Graph<object, { width: number; height: number; x?: number; y?: number }, EdgeData>({ multigraph: true });
  g.setGraph({ rankdir, nodesep: 36, ranksep: 52, edgesep: 14, marginx: 16, marginy: 16 });
  for (const node of graph.nodes) g.setNode(node.id, { width: nodeWidth(node), height: NODE_HEIGHT });
  const rootInitial = graph.nodes.find((n) => n.initial && n.parent === undefined);
  if (rootInitial) {
    g.setNode(START, { width: 16, height: 16 });
    g.setEdge(START, rootInitial.id, { width: 0, height: 0 }, "start");
  }
  for (const node of graph.nodes) {
    const child = node.compound ? graph.nodes.find((n) => n.parent === node.id && n.initial) : undefined;
    if (child) g.setEdge(node.id, child.id, { width: 0, height: 0, weight: 2 }, "initial");
  }
  graph.edges.forEach((edge, i) => {
    const width = Math.ceil(edgeText(edge).length * 6.3) + 10 + (edge.timer ? CLOCK_WIDTH : 0);
    g.setEdge(edge.from, edge.to, { width, height: LABEL_HEIGHT, labelpos: "c" }, `t${i}`);
  });
  layout(g);

  const nodes = graph.nodes.map((node): PlacedNode => {
    const placed = g.node(node.id);
    return { ...node, x: placed.x ?? 0, y: placed.y ?? 0, width: placed.width, height: placed.height };
  });
  const edges: PlacedEdge[] = [];
  const start = rootInitial ? g.node(START) : undefined;
  if (rootInitial) edges.push({ kind: "start", points: g.edge({ v: START, w: rootInitial.id, name: "start" }).points ?? [] });
  for (const node of graph.nodes) {
    const child = node.compound ? graph.nodes.find((n) => n.parent === node.id && n.initial) : undefined;
    if (child) edges.push({ kind: "initial", points: g.edge({ v: node.id, w: child.id, name: "initial" }).points ?? [] });
  }
  graph.edges.forEach((edge, i) => {
    const data = g.edge({ v: edge.from, w: edge.to, name: `t${i}` });
    const node = nodes.find((n) => n.id === edge.from);
    if (edge.from === edge.to && node) {
      edges.push({ kind: "transition", edge, text: edgeText(edge), ...selfLoop(node, data.width) });
      return;
    }
    const points = data.points ?? [];
    const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    edges.push({ kind: "transition", edge, text: edgeText(edge), points, label: { x: data.x ?? middle.x, y: data.y ?? middle.y, width: data.width } });
  });
  const size = g.graph() as { width?: number; height?: number };
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes,
    edges,
    ...(start ? { start: { x: start.x ?? 0, y: start.y ?? 0 } } : {}),
  };
}

/**
 * A loop on the right of a state back to itself, its label beyond it. Dagre
 * keeps room there for the label, but its own self-edge points come out
 * tangled, so the loop is drawn here.
 */
function selfLoop(node: PlacedNode, width: number): { points: Point[]; label: Point & { width: number } } {
  const right = node.x + node.width / 2;
  const { y } = node;
  return {
    points: [{ x: right, y: y - 10 }, { x: right + 30, y: y - 26 }, { x: right + 30, y: y + 26 }, { x: right, y: y + 10 }],
    label: { x: right + 36 + width / 2, y, width },
  };
}

/** An SVG path through dagre's points, smoothed like d3's curveBasis. */
export function curvePath(points: readonly Point[]): string {
  const p = points.map((q) => ({ x: Math.round(q.x * 10) / 10, y: Math.round(q.y * 10) / 10 }));
  const first = p[0];
  const last = p[p.length - 1];
  if (!first || !last) return "";
  if (p.length < 3) return `M${first.x},${first.y}L${last.x},${last.y}`;
  let d = `M${first.x},${first.y}`;
  let [x0, y0, x1, y1] = [first.x, first.y, p[1]!.x, p[1]!.y];
  d += `L${(5 * x0 + x1) / 6},${(5 * y0 + y1) / 6}`;
  for (const q of [...p.slice(2), last]) {
    d += `C${(2 * x0 + x1) / 3},${(2 * y0 + y1) / 3} ${(x0 + 2 * x1) / 3},${(y0 + 2 * y1) / 3} ${(x0 + 4 * x1 + q.x) / 6},${(y0 + 4 * y1 + q.y) / 6}`;
    [x0, y0, x1, y1] = [x1, y1, q.x, q.y];
  }
  return `${d}L${last.x},${last.y}`;
}
