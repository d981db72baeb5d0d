/** A table of dossiers: name (from the package's search fields), state, dates, link. */
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { loadVersion } from "../api/hooks";
import type { Dossier, ProcedureDetail } from "../api/types";
import { formatDate } from "../format";
import { dossierName, shortId } from "../procedure-text";
import { StateBadge } from "./state-badge";

function useVersions(ids: string[]): Record<string, ProcedureDetail> {
  const [map, setMap] = useState<Record<string, ProcedureDetail>>({});
  const key = [...new Set(ids)].sort().join(",");
  useEffect(() => {
    let live = true;
    void Promise.all(key.split(",").filter(Boolean).map((id) => loadVersion(id).then((p) => [id, p] as const)))
      .then((entries) => live && setMap(Object.fromEntries(entries)))
      .catch(() => undefined);
    return () => { live = false; };
  }, [key]);
  return map;
}

/** The dossier's name as a link, and its number unless the name already is it (a draft not yet named). */
function DossierLink({ dossier, procedure }: { dossier: Dossier; procedure: ProcedureDetail | undefined }) {
  const name = dossierName(dossier, procedure);
  const number = `n° ${shortId(dossier.id)}`;
  return <><Link href={`/dossiers/${dossier.id}`}>{name}</Link>{name.endsWith(number) ? null : <> <span className="fr-text--xs">{number}</span></>}</>;
}

export function DossierTable({ dossiers, caption, organisations }: { dossiers: Dossier[]; caption: string; organisations?: Record<string, string> }) {
  const versions = useVersions(dossiers.map((d) => d.versionId));
  return (
    <div className="fr-table fr-table--no-caption guichet-table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">Dossier</th>{organisations ? <th scope="col">Organisation</th> : null}<th scope="col">État</th><th scope="col">Déposé le</th><th scope="col">Mis à jour le</th></tr>
        </thead>
        <tbody>
          {dossiers.map((d) => (
            <tr key={d.id}>
              <td><DossierLink dossier={d} procedure={versions[d.versionId]} /></td>
              {organisations ? <td>{organisations[d.organisationId] ?? "—"}</td> : null}
              <td><StateBadge label={d.stateLabel} final={d.final} editable={d.dataEditable} /></td>
              <td>{formatDate(d.submittedAt)}</td>
              <td>{formatDate(d.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
