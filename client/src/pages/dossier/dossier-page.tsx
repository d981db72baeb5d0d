/**
 * One dossier, for everyone who may read it: its state, the actions open
 * now to me, the application, the decisions taken, computed values and rule
 * results, annual cycles, attachments and the full history.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import { useApi, useVersion } from "../../api/hooks";
import type { Attachment, Cycle, Dossier, HistoryEvent, OpenAction } from "../../api/types";
import { ComputedPanel } from "../../components/computed-panel";
import { DataView } from "../../components/data-view";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { RulesPanel } from "../../components/rules-panel";
import { StateBadge } from "../../components/state-badge";
import { formatDateTime, formatSize } from "../../format";
import { dossierName, shortId } from "../../procedure-text";
import { useSession } from "../../session";
import { ActionsPanel } from "./actions-panel";
import { CyclesTable } from "./cycles-table";
import { HistoryList } from "./history-list";
import { PageSummary } from "./page-summary";

export default function DossierPage({ id }: { id: string }) {
  const { account } = useSession();
  const dossier = useApi<Dossier>(`/api/dossiers/${id}`);
  const actions = useApi<{ version: number; items: OpenAction[] }>(`/api/dossiers/${id}/transitions`);
  const history = useApi<{ items: HistoryEvent[] }>(`/api/dossiers/${id}/history`);
  const cycles = useApi<{ items: Cycle[] }>(`/api/dossiers/${id}/cycles`);
  const attachments = useApi<{ items: Attachment[] }>(`/api/dossiers/${id}/attachments`);
  const { procedure } = useVersion(dossier.data?.versionId);
  const [notice, setNotice] = useState<{ kind: "success" | "conflict"; text: string } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const reloadAll = useCallback(() => {
    dossier.reload(); actions.reload(); history.reload(); cycles.reload(); attachments.reload();
  }, [dossier.reload, actions.reload, history.reload, cycles.reload, attachments.reload]);
  useEffect(() => { if (notice) noticeRef.current?.focus(); }, [notice]);

  if (dossier.error) return <ProblemAlert error={dossier.error} />;
  if (!dossier.data || !procedure) return <Loading />;
  const d = dossier.data;
  const form = procedure.forms[procedure.applicationForm]!;
  const files = Object.fromEntries((attachments.data?.items ?? []).map((a) => [a.id, a]));
  const isManager = account?.role === "manager";
  const facts = Object.entries(d.facts ?? {}).filter(([key]) => procedure.forms[key]);
  const hasCycles = !!cycles.data && cycles.data.items.length > 0;
  const contents = [
    { id: "actions-title", label: "Actions possibles" }, ...(facts.length > 0 ? [{ id: "facts-title", label: "Décisions et suivis" }] : []),
    ...(hasCycles ? [{ id: "cycles-title", label: "Années de label et financement" }] : []), { id: "data-title", label: form.title },
    { id: "files-title", label: "Pièces jointes" }, { id: "computed-title", label: "Valeurs calculées" }, { id: "rules-title", label: "Règles de la charte" },
    { id: "history-title", label: "Historique" },
  ];

  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li><Link className="fr-breadcrumb__link" href={isManager ? "/" : "/instruction"}>{isManager ? "Mes dossiers" : "Dossiers"}</Link></li>
          <li><a className="fr-breadcrumb__link" aria-current="page">Dossier n° {shortId(d.id)}</a></li>
        </ol>
      </nav>
      <h1 className="fr-h2">{dossierName(d, procedure)}</h1>
      <p>
        <StateBadge label={d.stateLabel} final={d.final} editable={d.dataEditable} />{" "}
        <span className="fr-text--sm">Dossier n° {shortId(d.id)} · {procedure.title} · version {d.versionId.slice(0, 8)}{d.submittedAt ? ` · déposé le ${formatDateTime(d.submittedAt, procedure.timeZone)}` : ""}</span>
      </p>
      {notice ? (
        <div ref={noticeRef} tabIndex={-1} className={`fr-alert fr-alert--sm fr-alert--${notice.kind === "success" ? "success" : "warning"} fr-mb-3w`} role="status">
          <p>{notice.text}</p>
          {notice.kind === "conflict" ? <button type="button" className="fr-btn fr-btn--sm fr-mt-1w" onClick={() => { setNotice(null); reloadAll(); }}>Recharger le dossier</button> : null}
        </div>
      ) : null}
      {isManager && d.dataEditable ? (
        <p><Link className="fr-btn fr-btn--icon-left fr-icon-edit-line" href={`/dossiers/${d.id}/candidature`}>{d.state === "draft" || !d.submittedAt ? "Continuer ma candidature" : "Modifier ma candidature"}</Link></p>
      ) : null}
      {d.submittedAt ? <p><Link href={`/dossiers/${d.id}/recepisse`}>Récépissé de dépôt</Link></p> : null}
      <PageSummary entries={contents} />

      <section aria-labelledby="actions-title" className="fr-mb-5w guichet-noprint">
        <h2 id="actions-title" className="fr-h4">Actions possibles</h2>
        {actions.data ? (
          <ActionsPanel
            dossierId={d.id} versionId={d.versionId} version={d.version} actions={actions.data.items} skip={isManager ? [procedure.actions.submit] : []} attachments={files}
            onDone={(label) => { setNotice({ kind: "success", text: `« ${label} » : c'est fait. Le dossier est à jour ci-dessous.` }); reloadAll(); }}
            onConflict={() => setNotice({ kind: "conflict", text: "Quelqu'un d'autre a modifié ce dossier pendant que vous le consultiez : votre action n'a pas été appliquée. Rechargez le dossier pour voir son état actuel avant d'agir." })}
          />
        ) : <Loading />}
      </section>

      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          {facts.length > 0 ? (
            <section aria-labelledby="facts-title" className="fr-mb-5w">
              <h2 id="facts-title" className="fr-h4">Décisions et suivis</h2>
              {facts.map(([key, value]) => (
                <div key={key} className="fr-mb-3w">
                  <h3 className="fr-h6">{procedure.forms[key]!.title}</h3>
                  <DataView schema={procedure.forms[key]!.schema} data={value} attachments={files} headingLevel={4} ui={procedure.forms[key]!.uiSchema} />
                </div>
              ))}
            </section>
          ) : null}
          {hasCycles ? (
            <section aria-labelledby="cycles-title" className="fr-mb-5w">
              <h2 id="cycles-title" className="fr-h4">Années de label et financement</h2>
              <CyclesTable cycles={cycles.data!.items} timeZone={procedure.timeZone} forms={procedure.forms} attachments={files} />
            </section>
          ) : null}
          <section aria-labelledby="data-title" className="fr-mb-5w">
            <h2 id="data-title" className="fr-h4">{form.title}</h2>
            <DataView schema={form.schema} data={d.data} attachments={files} ui={form.uiSchema} />
          </section>
          <section aria-labelledby="files-title" className="fr-mb-5w">
            <h2 id="files-title" className="fr-h4">Pièces jointes</h2>
            {(attachments.data?.items ?? []).length === 0 ? <p>Aucune pièce jointe.</p> : (
              <ul>{attachments.data!.items.map((a) => <li key={a.id}><a href={`/api/attachments/${a.id}`} download>{a.file_name}</a> ({formatSize(a.size)}, {formatDateTime(a.created_at, procedure.timeZone)})</li>)}</ul>
            )}
          </section>
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <ComputedPanel defs={procedure.computed} values={d.computed} compact />
          <RulesPanel rules={d.ruleResults} />
        </div>
      </div>
      <section aria-labelledby="history-title" className="fr-mb-5w">
        <h2 id="history-title" className="fr-h4">Historique</h2>
        {history.data ? <HistoryList events={history.data.items} procedure={procedure} /> : <Loading />}
      </section>
    </>
  );
}
