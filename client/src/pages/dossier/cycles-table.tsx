/** The label's annual cycles: period, report due date and filing, the year's funding. */
import type { Cycle } from "../../api/types";
import { formatDate, formatValue } from "../../format";

const OUTCOME: Record<string, string> = { open: "En cours", reported: "Bilan déposé", overdue: "Bilan en retard", closed: "Clos" };

export function CyclesTable({ cycles, timeZone }: { cycles: Cycle[]; timeZone: string }) {
  return (
    <div className="fr-table guichet-table-wrap">
      <table>
        <caption>Années de label</caption>
        <thead><tr><th scope="col">Année</th><th scope="col">Période</th><th scope="col">Bilan attendu le</th><th scope="col">Bilan déposé le</th><th scope="col">Financement</th><th scope="col">Suivi</th></tr></thead>
        <tbody>
          {cycles.map((c) => (
            <tr key={c.year}>
              <td>{c.year}</td>
              <td>du {formatDate(c.startsOn, timeZone)} au {formatDate(c.endsOn, timeZone)}</td>
              <td>{formatDate(c.reportDueAt, timeZone)}</td>
              <td>{formatDate(c.reportFiledAt, timeZone)}</td>
              <td>{formatValue(c.funding, "euro")}</td>
              <td>{OUTCOME[c.outcome] ?? c.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
