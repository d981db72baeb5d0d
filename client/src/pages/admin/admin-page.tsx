/**
 * Administration: the territory's procedures and their published versions;
 * opening a version loads its files into the package workspace (editor,
 * form preview, lifecycle diagram, sandbox, check and publish).
 */
import { useState } from "react";
import { useApi } from "../../api/hooks";
import type { ProcedureSummary } from "../../api/types";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { formatDateTime } from "../../format";
import { useSession } from "../../session";
import { PackageWorkspace } from "./package-workspace";

type Version = { id: string; procedure_id: string; seq: number; published_at: string; published_by: string | null };

export default function AdminPage() {
  const { account } = useSession();
  const procedures = useApi<{ items: ProcedureSummary[] }>("/api/procedures");
  const mine = (procedures.data?.items ?? []).filter((p) => p.territory.code === account?.territoryCode);
  const [selected, setSelected] = useState<string | null>(null);
  const procedureId = selected ?? mine[0]?.id ?? null;
  const versions = useApi<{ items: Version[] }>(procedureId ? `/api/procedures/${encodeURIComponent(procedureId)}/versions` : null);
  const [opened, setOpened] = useState<string | null>(null);
  const files = useApi<{ files: Record<string, string> }>(opened ? `/api/versions/${opened}/files` : null);

  if (procedures.loading) return <Loading />;
  return (
    <>
      <h1>Paquets de procédure</h1>
      <p>Chaque procédure de votre territoire est un paquet de fichiers JSON : formulaires, valeurs calculées, règles, cycle de vie. Ouvrez une version pour la modifier, prévisualiser ses formulaires, voir son cycle de vie, essayer ses règles, puis publier une nouvelle version.</p>
      <ProblemAlert error={procedures.error ?? versions.error ?? files.error} />
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <div className="fr-col-12 fr-col-md-5">
          <h2 className="fr-h5">Procédures du territoire</h2>
          <ul className="fr-raw-list">
            {mine.map((p) => (
              <li key={p.id} className="fr-mb-1w">
                <button type="button" className={`fr-btn fr-btn--sm${p.id === procedureId ? "" : " fr-btn--tertiary"}`} aria-pressed={p.id === procedureId} onClick={() => { setSelected(p.id); setOpened(null); }}>
                  {p.title}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="fr-col-12 fr-col-md-7">
          <h2 className="fr-h5">Versions publiées</h2>
          {versions.data ? (
            <div className="fr-table fr-table--no-caption guichet-table-wrap">
              <table>
                <caption>Versions publiées</caption>
                <thead><tr><th scope="col">N°</th><th scope="col">Publiée le</th><th scope="col">Empreinte</th><th scope="col">Action</th></tr></thead>
                <tbody>
                  {versions.data.items.map((v) => (
                    <tr key={v.id}>
                      <td>{v.seq}</td><td>{formatDateTime(v.published_at)}</td><td><code>{v.id.slice(0, 12)}</code></td>
                      <td><button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setOpened(v.id)}>Ouvrir dans l'éditeur</button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : versions.loading ? <Loading /> : null}
        </div>
      </div>
      {opened && files.data ? <PackageWorkspace key={opened} initialFiles={files.data.files} onPublished={() => versions.reload()} /> : opened ? <Loading /> : null}
    </>
  );
}
