/**
 * The label years: period (last day included), the report's due date and
 * status, each record the procedure declares (present, with what was
 * recorded, or not), the year's funding.
 */
import type { Attachment, Cycle, FormDef } from "../../api/types";
import { DataView } from "../../components/data-view";
import { formatDate, formatDateTime, formatValue } from "../../format";

function reportStatus(c: Cycle, timeZone: string): string {
  switch (c.reportStatus ?? (c.reportFiledAt ? "filed" : c.outcome === "overdue" ? "overdue" : c.outcome === "closed" ? "closed" : "awaited")) {
    case "filed": return `Déposé le ${formatDate(c.reportFiledAt, timeZone)}`;
    case "overdue": return "En retard";
    case "closed": return "Non déposé, année close";
    default: return "Attendu";
  }
}

type Props = { cycles: Cycle[]; timeZone: string; forms?: Record<string, FormDef>; attachments?: Record<string, Attachment> };

export function CyclesTable({ cycles, timeZone, forms = {}, attachments }: Props) {
  const declared = cycles[0]?.records ?? [];
  const present = cycles.flatMap((c) => (c.records ?? []).filter((r) => r.present && forms[r.form]).map((r) => ({ year: c.year, ...r })));
  return (
    <>
      <div className="fr-table guichet-table-wrap">
        <table>
          <caption>Années de label</caption>
          <thead>
            <tr>
              <th scope="col">Année</th><th scope="col">Période</th><th scope="col">Bilan attendu le</th><th scope="col">Bilan</th>
              {declared.map((r) => <th key={r.form} scope="col">{r.label}</th>)}
              <th scope="col">Financement</th>
            </tr>
          </thead>
          <tbody>
            {cycles.map((c) => (
              <tr key={c.year}>
                <td>{c.year}</td>
                <td>du {formatDate(c.startsOn, timeZone)} au {formatDate(c.endsOn, timeZone)}</td>
                <td>{formatDate(c.reportDueAt, timeZone)}</td>
                <td>{reportStatus(c, timeZone)}</td>
                {(c.records ?? []).map((r) => <td key={r.form}>{r.present ? `Enregistré le ${formatDateTime(r.recordedAt, timeZone)}` : "Non enregistré"}</td>)}
                <td>{formatValue(c.funding, "euro")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {present.map((r) => (
        <details key={`${r.year}-${r.form}`} className="fr-mb-2w">
          <summary>{r.label} — année {r.year}</summary>
          <DataView schema={forms[r.form]!.schema} data={r.input} attachments={attachments} headingLevel={4} ui={forms[r.form]!.uiSchema} />
        </details>
      ))}
    </>
  );
}
