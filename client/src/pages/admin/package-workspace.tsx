/**
 * The package workspace: the files of a version, edited in place (each
 * checked live against its meta-schema), with a preview of each form, the
 * lifecycle diagram, a sandbox for rules and computed values, and the
 * server's own verdict: check (nothing stored) and publish (a new version).
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import { api, ApiError } from "../../api/http";
import { registerPrecompiledMeta } from "../../admin/meta-schemas";
import { pruneEmpty } from "../../forms/prune-empty";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { SideMenu } from "../../components/side-menu";
import { FormPreview } from "./form-preview";
import { Sandbox } from "./sandbox";
import { packageLayout, type PackageProblem } from "./package-layout";

const JsonFileEditor = lazy(() => import("../../admin/json-file-editor"));
const LifecycleDiagram = lazy(() => import("../../admin/lifecycle-diagram"));

/** The meta-schemas' validators, precompiled by the server (the page's CSP forbids compiling them here). */
function useMetaValidators(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const url: string = "/api/meta/validators.js";
    import(/* @vite-ignore */ url)
      .then((module: { default: Parameters<typeof registerPrecompiledMeta>[0] }) => registerPrecompiledMeta(module.default))
      .catch(() => undefined)
      .finally(() => setReady(true));
  }, []);
  return ready;
}

type CheckResult = { ok: boolean; problems: PackageProblem[]; summary?: Record<string, number> };

export function PackageWorkspace({ initialFiles, onPublished }: { initialFiles: Record<string, string>; onPublished(): void }) {
  const metaReady = useMetaValidators();
  const [files, setFiles] = useState(initialFiles);
  const paths = useMemo(() => Object.keys(files).sort((a, b) => (a === "manifest.json" ? -1 : b === "manifest.json" ? 1 : a.localeCompare(b))), [files]);
  const [path, setPath] = useState(paths[0] ?? "manifest.json");
  const [tab, setTab] = useState("editor");
  const [verdict, setVerdict] = useState<{ kind: "checked" | "published"; text: string; problems: PackageProblem[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [previewData, setPreviewData] = useState<Record<string, unknown>>({});
  const [sample, setSample] = useState("{}");
  const layout = useMemo(() => packageLayout(files), [files]);
  const problemsOf = (p: string) => (verdict?.problems ?? []).filter((x) => x.file === p);
  const changed = paths.filter((p) => files[p] !== initialFiles[p]);
  const formOfPath = layout.forms.find((f) => f.schema === path || f.ui === path);
  // Opened from the versions' table above: the focus follows to the workspace.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function check() {
    setBusy(true); setError(null);
    try {
      const result = await api<CheckResult>("POST", "/api/packages/check", { files });
      setVerdict({ kind: "checked", problems: result.problems, text: result.ok ? `Paquet valide : ${result.summary?.forms} formulaires, ${result.summary?.computed} valeurs calculées, ${result.summary?.rules} règles, ${result.summary?.states} états, ${result.summary?.cases} cas vérifiés.` : `${result.problems.length} problème(s) : le paquet ne peut pas être publié en l'état.` });
    } catch (e) { setError(e); } finally { setBusy(false); }
  }

  async function publish() {
    setBusy(true); setError(null);
    try {
      const result = await api<{ versionId: string; created: boolean }>("POST", "/api/procedures", { files });
      setVerdict({ kind: "published", problems: [], text: result.created ? `Nouvelle version publiée (${result.versionId.slice(0, 12)}). Les nouveaux dossiers l'utilisent ; les dossiers en cours restent sur leur version.` : `Ce contenu était déjà publié (${result.versionId.slice(0, 12)}) : aucune nouvelle version.` });
      onPublished();
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === "invalid_package") setVerdict({ kind: "checked", problems: (e.problem.errors ?? []).map((x) => ({ file: x.file ?? "", pointer: x.pointer, message: x.message })), text: e.message });
      else setError(e);
    } finally { setBusy(false); }
  }

  return (
    <section aria-labelledby="workspace-title" className="fr-mt-4w">
      <h2 id="workspace-title" ref={heading} tabIndex={-1}>Paquet « {layout.id ?? "?"} »</h2>
      <ProblemAlert error={error} headingLevel={3} />
      {verdict ? (
        <div className={`fr-alert fr-alert--sm fr-alert--${verdict.problems.length === 0 ? "success" : "error"} fr-mb-3w`} role="status">
          <p>{verdict.text}</p>
          {verdict.problems.length > 0 ? (
            <ul>{verdict.problems.map((p, i) => (
              <li key={i}><button type="button" className="fr-link" onClick={() => { setPath(p.file); setTab("editor"); }}>{p.file}</button> › {p.pointer} › {p.message}</li>
            ))}</ul>
          ) : null}
        </div>
      ) : null}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-3w">
        <li><button type="button" className="fr-btn fr-btn--secondary" disabled={busy} onClick={() => void check()}>Vérifier le paquet</button></li>
        <li><button type="button" className="fr-btn" disabled={busy || changed.length === 0} onClick={() => void publish()}>Publier une nouvelle version{changed.length > 0 ? ` (${changed.length} fichier(s) modifié(s))` : ""}</button></li>
      </ul>
      <div className="fr-grid-row fr-grid-row--gutters">
        <SideMenu id="files" title="Fichiers" className="fr-col-12 fr-col-md-3">
          {paths.map((p) => (
            <li key={p} className={`fr-sidemenu__item${p === path ? " fr-sidemenu__item--active" : ""}`}>
              <button type="button" className="fr-sidemenu__link" aria-current={p === path ? "true" : undefined} onClick={() => setPath(p)}>
                {p}{files[p] !== initialFiles[p] ? " (modifié)" : ""}{problemsOf(p).length > 0 ? ` — ${problemsOf(p).length} problème(s)` : ""}
              </button>
            </li>
          ))}
        </SideMenu>
        <div className="fr-col-12 fr-col-md-9">
          <Tabs
            label="Vues du paquet"
            selectedTabId={tab}
            onTabChange={setTab}
            tabs={[
              { tabId: "editor", label: "Éditeur" },
              { tabId: "preview", label: "Aperçu du formulaire" },
              { tabId: "lifecycle", label: "Cycle de vie" },
              { tabId: "sandbox", label: "Bac à sable" },
            ]}
          >
            <Suspense fallback={<Loading />}>
              {tab === "editor" && !metaReady ? <Loading /> : tab === "editor" ? (
                <JsonFileEditor path={path} value={files[path] ?? ""} label={`Contenu du fichier ${path}`} problems={problemsOf(path)} onChange={(value) => setFiles((all) => ({ ...all, [path]: value }))} />
              ) : tab === "preview" ? (
                <FormPreview files={files} layout={layout} initialForm={formOfPath?.id} data={previewData} onData={setPreviewData} onTry={() => { setSample(JSON.stringify(pruneEmpty(previewData), null, 2)); setTab("sandbox"); }} />
              ) : tab === "lifecycle" ? (
                layout.machine ? <LifecycleDiagram machine={layout.machine} title={`Cycle de vie de « ${layout.title ?? layout.id} »`} roleLabels={layout.roleLabels} /> : <p>Le fichier du cycle de vie n'est pas lisible (JSON invalide).</p>
              ) : (
                <Sandbox files={files} layout={layout} sample={sample} onSample={setSample} />
              )}
            </Suspense>
          </Tabs>
        </div>
      </div>
    </section>
  );
}
