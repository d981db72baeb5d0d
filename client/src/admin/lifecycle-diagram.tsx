/**
 * Draws a lifecycle machine as an SVG diagram laid out by dagre, top to
 * bottom (the main path reads downwards; labels stay horizontal), in a
 * scrollable frame, with the transitions also given as a table.
 */
import { fr } from "@codegouvfr/react-dsfr";
import { useId, useMemo } from "react";
import { machineGraph } from "./lifecycle-graph";
import { CLOCK_WIDTH, LABEL_HEIGHT, curvePath, layoutLifecycle, type PlacedEdge, type PlacedNode } from "./lifecycle-layout";
import LifecycleTable from "./lifecycle-table";

export type LifecycleDiagramProps = { machine: unknown; title: string; roleLabels?: Record<string, string> };

const colors = fr.colors.decisions;
const INK = colors.text.default.grey.default;
const MUTED = colors.text.mention.grey.default;
const LINE = colors.border.plain.grey.default;
const PAPER = colors.background.default.grey.default;
const COMPOUND = colors.background.alt.blueFrance.default;
const ACTION = colors.background.actionHigh.blueFrance.default;
const TIMER = colors.text.actionHigh.blueFrance.default;

function StateBox({ node }: { node: PlacedNode }) {
  const x = node.x - node.width / 2;
  const y = node.y - node.height / 2;
  const startsMachine = node.initial && node.parent === undefined;
  return (
    <g>
      <rect x={x} y={y} width={node.width} height={node.height} rx={node.compound ? 12 : 6} fill={node.compound ? COMPOUND : PAPER} stroke={startsMachine ? ACTION : LINE} strokeWidth={startsMachine ? 2 : 1} />
      {node.final && <rect x={x + 4} y={y + 4} width={node.width - 8} height={node.height - 8} rx={3} fill="none" stroke={LINE} />}
      <text x={node.x} y={node.y - 3} textAnchor="middle" fontSize={14} fontWeight={700} fill={INK}>{node.label}</text>
      <text x={node.x} y={node.y + 14} textAnchor="middle" fontSize={11} fill={MUTED}>{node.id}</text>
    </g>
  );
}

function EdgeLine({ edge, arrow, timerArrow }: { edge: PlacedEdge; arrow: string; timerArrow: string }) {
  const d = curvePath(edge.points);
  if (edge.kind !== "transition") {
    return <path d={d} fill="none" stroke={MUTED} strokeWidth={1.2} strokeDasharray={edge.kind === "initial" ? "2 3" : undefined} markerEnd={`url(#${arrow})`} />;
  }
  const timer = edge.edge.timer;
  return <path d={d} fill="none" stroke={timer ? TIMER : INK} strokeWidth={1.3} strokeDasharray={timer ? "6 4" : undefined} markerEnd={`url(#${timer ? timerArrow : arrow})`} />;
}

function EdgeLabel({ edge }: { edge: Extract<PlacedEdge, { kind: "transition" }> }) {
  const { x, y, width } = edge.label;
  const left = x - width / 2;
  const timer = edge.edge.timer;
  return (
    <g>
      <rect x={left} y={y - LABEL_HEIGHT / 2} width={width} height={LABEL_HEIGHT} rx={3} fill={PAPER} fillOpacity={0.92} />
      {timer && (
        <g stroke={TIMER} fill="none" strokeWidth={1.2}>
          <circle cx={left + 9} cy={y} r={5} />
          <path d={`M${left + 9},${y - 3}V${y}H${left + 11.5}`} />
        </g>
      )}
      <text x={x + (timer ? CLOCK_WIDTH / 2 : 0)} y={y + 4} textAnchor="middle" fontSize={11.5} fill={timer ? TIMER : INK}>{edge.text}</text>
    </g>
  );
}

function Marker({ id, color }: { id: string; color: string }) {
  return (
    <marker id={id} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
      <path d="M0,0L10,5L0,10z" fill={color} />
    </marker>
  );
}

export default function LifecycleDiagram({ machine, title, roleLabels }: LifecycleDiagramProps) {
  const graph = useMemo(() => machineGraph(machine), [machine]);
  const placed = useMemo(() => layoutLifecycle(graph, "TB"), [graph]);
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, "");
  const ids = { title: `${uid}-title`, desc: `${uid}-desc`, arrow: `${uid}-arrow`, timerArrow: `${uid}-timer-arrow` };
  if (graph.nodes.length === 0) {
    return <p className={fr.cx("fr-hint-text")}>Aucun état à dessiner : le cycle de vie ne déclare pas d'états lisibles.</p>;
  }
  const transitions = placed.edges.filter((e): e is Extract<PlacedEdge, { kind: "transition" }> => e.kind === "transition");
  return (
    <div className={fr.cx("fr-my-2w")}>
      <div role="group" aria-label={`Schéma : ${title}`} tabIndex={0} style={{ overflow: "auto", maxHeight: "75vh", border: `1px solid ${colors.border.default.grey.default}` }}>
        <svg role="img" aria-labelledby={`${ids.title} ${ids.desc}`} width={placed.width} height={placed.height} viewBox={`0 0 ${placed.width} ${placed.height}`}>
          <title id={ids.title}>{title}</title>
          <desc id={ids.desc}>
            {`${graph.nodes.length} états et ${graph.edges.length} transitions ; le détail est dans le tableau « Transitions (texte) » qui suit.`}
          </desc>
          <defs>
            <Marker id={ids.arrow} color={INK} />
            <Marker id={ids.timerArrow} color={TIMER} />
          </defs>
          {placed.edges.map((e, i) => <EdgeLine key={i} edge={e} arrow={ids.arrow} timerArrow={ids.timerArrow} />)}
          {placed.nodes.map((n) => <StateBox key={n.id} node={n} />)}
          {transitions.map((e, i) => <EdgeLabel key={i} edge={e} />)}
          {placed.start && <circle cx={placed.start.x} cy={placed.start.y} r={7} fill={ACTION} />}
        </svg>
      </div>
      <p className={fr.cx("fr-hint-text", "fr-mt-1w")}>
        Point plein : état de départ. Double bordure : état final. Fond bleuté : état composé, relié en pointillés fins à
        son premier sous-état. Tirets bleus et horloge : minuterie. « [condition] » : transition soumise à une condition.
      </p>
      <LifecycleTable graph={graph} title={title} {...(roleLabels ? { roleLabels } : {})} />
    </div>
  );
}
