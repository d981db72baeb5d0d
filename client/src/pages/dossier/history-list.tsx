/** The dossier's history: every change with who, when, the states and the input given. */
import type { HistoryEvent, ProcedureDetail } from "../../api/types";
import { DataView } from "../../components/data-view";
import { formatDateTime } from "../../format";
import { eventInfo, roleLabel, stateLabel } from "../../procedure-text";

/** Autosaves come in bursts: consecutive saves by the same person are one entry. */
function groupSaves(events: HistoryEvent[]): Array<HistoryEvent & { times: number; firstAt: string }> {
  const out: Array<HistoryEvent & { times: number; firstAt: string }> = [];
  for (const e of events) {
    const previous = out[out.length - 1];
    if (previous && e.event === "SAVE" && previous.event === "SAVE" && previous.actorId === e.actorId) {
      out[out.length - 1] = { ...e, times: previous.times + 1, firstAt: previous.firstAt };
    } else {
      out.push({ ...e, times: 1, firstAt: e.at });
    }
  }
  return out;
}

export function HistoryList({ events, procedure }: { events: HistoryEvent[]; procedure: ProcedureDetail }) {
  const info = eventInfo(procedure);
  return (
    <ol className="fr-raw-list">
      {groupSaves(events).reverse().map((e) => {
        const meta = info[e.event];
        const form = meta?.form ? procedure.forms[meta.form] : undefined;
        const hasInput = Object.keys(e.input ?? {}).length > 0 && e.event !== "SAVE";
        return (
          <li key={e.seq} className="fr-mb-3w">
            <p className="fr-mb-0">
              <span className="fr-text--bold">{meta?.label ?? e.event}</span>
              {e.times > 1 ? ` (${e.times} fois, du ${formatDateTime(e.firstAt, procedure.timeZone)} au ${formatDateTime(e.at, procedure.timeZone)})` : ` — ${formatDateTime(e.at, procedure.timeZone)}`}
            </p>
            <p className="fr-text--sm fr-mb-0">
              {e.actorName ? `${e.actorName} (${roleLabel(procedure, e.actorRole)})` : roleLabel(procedure, e.actorRole)}
              {e.fromState && e.fromState !== e.toState ? ` · ${stateLabel(procedure, e.fromState)} → ${stateLabel(procedure, e.toState)}` : ""}
            </p>
            {hasInput ? (
              <details className="fr-mt-1w">
                <summary className="fr-text--sm">Détail</summary>
                {form ? <DataView schema={form.schema} data={e.input} headingLevel={3} ui={form.uiSchema} /> : <pre className="fr-text--xs">{JSON.stringify(e.input, null, 2)}</pre>}
              </details>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
