/** The lifecycle's states with their number of dossiers; a parent state sums its children. */
import type { ProcedureDetail } from "../../api/types";
import { SideMenu } from "../../components/side-menu";
import { stateEntries } from "../../procedure-text";

export function StateCounts({ procedure, counts, current, onSelect }: { procedure: ProcedureDetail; counts: Record<string, number>; current: string | null; onSelect(state: string | null): void }) {
  const entries = stateEntries(procedure);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const countOf = (path: string) => Object.entries(counts).filter(([s]) => s === path || s.startsWith(`${path}.`)).reduce((a, [, n]) => a + n, 0);
  return (
    <SideMenu id="states" title="États">
      <li className={`fr-sidemenu__item${current === null ? " fr-sidemenu__item--active" : ""}`}>
        <button type="button" className="fr-sidemenu__link" aria-current={current === null ? "true" : undefined} onClick={() => onSelect(null)}>Tous les états ({total})</button>
      </li>
      {entries.map((e) => (
        <li key={e.path} className={`fr-sidemenu__item${current === e.path ? " fr-sidemenu__item--active" : ""}`}>
          <button type="button" className="fr-sidemenu__link" style={{ paddingLeft: `${1 + e.depth * 1.25}rem` }} aria-current={current === e.path ? "true" : undefined} onClick={() => onSelect(e.path)}>
            {e.label} ({countOf(e.path)})
          </button>
        </li>
      ))}
    </SideMenu>
  );
}
