/**
 * The instructors' and committee's queue: dossiers of a procedure of my
 * territory, counts per state (a parent state counts its children), filters
 * declared by the package, text search, and pages by cursor. The filters live
 * in the address, so a queue can be bookmarked and the back button works.
 * Changing page puts the focus on the new page's count (the button pressed
 * may have become disabled).
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useLocation, useSearch } from "wouter";
import { useApi } from "../../api/hooks";
import type { DossierPage, Organisation, ProcedureDetail, ProcedureSummary } from "../../api/types";
import { DossierTable } from "../../components/dossier-table";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { useSession } from "../../session";
import { QueueFilters } from "./queue-filters";
import { StateCounts } from "./state-counts";

const PAGE_SIZE = 20;

export default function QueuePage() {
  const { account } = useSession();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const procedures = useApi<{ items: ProcedureSummary[] }>("/api/procedures");
  const mine = (procedures.data?.items ?? []).filter((p) => p.territory.code === account?.territoryCode);
  const procedureId = params.get("procedure") ?? mine[0]?.id ?? null;
  const procedure = useApi<ProcedureDetail>(procedureId ? `/api/procedures/${encodeURIComponent(procedureId)}` : null);
  const organisations = useApi<{ items: Organisation[] }>("/api/organisations");
  const [cursors, setCursors] = useState<string[]>([]);

  const query = new URLSearchParams({ procedureId: procedureId ?? "", limit: String(PAGE_SIZE) });
  for (const key of ["state", "q"]) if (params.get(key)) query.set(key, params.get(key)!);
  for (const f of params.getAll("filter")) query.append("filter", f);
  if (cursors.length > 0) query.set("after", cursors[cursors.length - 1]!);
  const page = useApi<DossierPage>(procedureId ? `/api/dossiers?${query}` : null);
  const orgNames = Object.fromEntries((organisations.data?.items ?? []).map((o) => [o.id, o.name]));
  const status = useRef<HTMLParagraphElement>(null);
  const paged = useRef(false);
  useEffect(() => {
    if (paged.current && page.data && !page.loading) {
      paged.current = false;
      status.current?.focus();
    }
  }, [page.data, page.loading]);
  const turn = (next: string[]) => { paged.current = true; setCursors(next); };

  function update(changes: Record<string, string | string[] | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      next.delete(key);
      for (const v of value === null ? [] : Array.isArray(value) ? value : [value]) if (v !== "") next.append(key, v);
    }
    setCursors([]);
    navigate(`/instruction${next.size > 0 ? `?${next}` : ""}`);
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update({ q: String(form.get("q") ?? "").trim() });
  }

  if (procedures.error) return <ProblemAlert error={procedures.error} />;
  if (procedures.loading) return <Loading />;
  if (!procedureId) return <p>Aucune procédure publiée pour votre territoire.</p>;
  return (
    <>
      <h1>Dossiers</h1>
      {mine.length > 1 ? (
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="procedure">Procédure</label>
          <select id="procedure" className="fr-select" value={procedureId} onChange={(e) => update({ procedure: e.target.value, state: null, filter: null })}>
            {mine.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
          </select>
        </div>
      ) : <p className="fr-text--lead">{mine[0]?.title}</p>}
      <ProblemAlert error={page.error ?? procedure.error} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4 fr-col-lg-3">
          {procedure.data && page.data ? <StateCounts procedure={procedure.data} counts={page.data.countsByState} current={params.get("state")} onSelect={(state) => update({ state })} /> : null}
        </div>
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-9">
          <form role="search" onSubmit={onSearch} className="fr-mb-3w">
            <div className="fr-search-bar" id="queue-search">
              <label className="fr-label" htmlFor="q">Rechercher un dossier (nom, commune, SIRET…)</label>
              <input className="fr-input" placeholder="Rechercher" type="search" id="q" name="q" defaultValue={params.get("q") ?? ""} key={params.get("q") ?? ""} />
              <button className="fr-btn" title="Rechercher" type="submit">Rechercher</button>
            </div>
          </form>
          {procedure.data ? <QueueFilters procedure={procedure.data} active={params.getAll("filter")} onApply={(filter) => update({ filter })} /> : null}
          {page.loading && !page.data ? <Loading /> : null}
          {page.data ? (
            <>
              <p role="status" ref={status} tabIndex={-1}>{page.data.items.length === 0 ? "Aucun dossier ne correspond." : `Page ${cursors.length + 1} : ${page.data.items.length} dossier(s).`}</p>
              {page.data.items.length > 0 ? <DossierTable dossiers={page.data.items} caption="Dossiers de la procédure" organisations={orgNames} /> : null}
              <nav role="navigation" className="fr-pagination" aria-label="Pagination">
                <ul className="fr-pagination__list">
                  <li><button type="button" className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" disabled={cursors.length === 0} onClick={() => turn(cursors.slice(0, -1))}>Page précédente</button></li>
                  <li><span className="fr-pagination__link" aria-current="page">Page {cursors.length + 1}</span></li>
                  <li><button type="button" className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" disabled={!page.data.nextCursor} onClick={() => turn([...cursors, page.data!.nextCursor!])}>Page suivante</button></li>
                </ul>
              </nav>
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}
