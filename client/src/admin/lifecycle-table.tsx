/**
 * The lifecycle's transitions as a table: the text alternative of the
 * diagram, folded under a <details> so it costs nothing to those who see it.
 */
import { fr } from "@codegouvfr/react-dsfr";
import type { MachineGraph } from "./lifecycle-graph";

type Props = { graph: MachineGraph; title: string; roleLabels?: Record<string, string> };

function stateName(graph: MachineGraph, id: string): string {
  const node = graph.nodes.find((n) => n.id === id);
  return node && node.label !== id ? `${node.label} (${id})` : id;
}

export default function LifecycleTable({ graph, title, roleLabels = {} }: Props) {
  const initial = graph.nodes.filter((n) => n.initial);
  const finals = graph.nodes.filter((n) => n.final);
  return (
    <details className={fr.cx("fr-mt-2w")}>
      <summary>Transitions (texte)</summary>
      <p className={fr.cx("fr-text--sm", "fr-mt-1w")}>
        {initial.length > 0 && <>États initiaux : {initial.map((n) => stateName(graph, n.id)).join(", ")}. </>}
        {finals.length > 0 && <>États finaux : {finals.map((n) => stateName(graph, n.id)).join(", ")}.</>}
      </p>
      <div className={fr.cx("fr-table", "fr-table--sm", "fr-table--bordered")}>
        <div className={fr.cx("fr-table__wrapper")}>
          <div className={fr.cx("fr-table__container")} tabIndex={0} role="region" aria-label={`${title} : transitions`}>
            <div className={fr.cx("fr-table__content")}>
              <table>
                <caption>{title} : transitions</caption>
                <thead>
                  <tr>
                    <th scope="col">De l'état</th>
                    <th scope="col">Événement</th>
                    <th scope="col">Vers l'état</th>
                    <th scope="col">Rôles</th>
                  </tr>
                </thead>
                <tbody>
                  {graph.edges.map((e, i) => (
                    <tr key={`${e.from}-${e.event}-${i}`}>
                      <td>{stateName(graph, e.from)}</td>
                      <td>
                        {e.label}
                        {e.label !== e.event && <> ({e.event})</>}
                        {e.timer && <> — minuterie</>}
                        {e.guarded && <> — sous condition</>}
                      </td>
                      <td>{stateName(graph, e.to)}</td>
                      <td>{e.roles.map((r) => roleLabels[r] ?? r).join(", ") || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </details>
  );
}
