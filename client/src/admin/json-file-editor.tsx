/**
 * Editor of one package file: CodeMirror 6 with JSON syntax errors,
 * meta-schema errors and the server's problems marked in the text, and the
 * same problems listed below as buttons that move the cursor there.
 *
 * The editor lives in a shadow root: there CodeMirror's style-mod injects its
 * CSS through `adoptedStyleSheets` (CSSOM), which the page's
 * `style-src 'self'` allows; on the document itself it would add a <style>
 * element, which that policy blocks.
 */
import { fr } from "@codegouvfr/react-dsfr";
import { setDiagnosticsEffect } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import type { ViewUpdate } from "@codemirror/view";
import { EditorView } from "codemirror";
import { useEffect, useRef, useState } from "react";
import { editorExtensions, fromProps, labelCompartment, labelExtension, listedProblems, relint, type LintInputs, type ListedProblem } from "./json-editor-setup";
import type { PointedProblem } from "./locate-problems";
import { metaKindFor, metaValidationUnavailable } from "./meta-schemas";

export { locateProblems } from "./locate-problems";
export type { LocatedProblem, PointedProblem } from "./locate-problems";

export type JsonFileEditorProps = {
  path: string;
  value: string;
  onChange(value: string): void;
  problems?: Array<{ pointer: string; message: string }>;
  label: string;
};

const NONE: PointedProblem[] = [];

function countText(n: number): string {
  return n === 0 ? "Aucune erreur" : `${n} erreur${n > 1 ? "s" : ""}`;
}

export default function JsonFileEditor({ path, value, onChange, problems = NONE, label }: JsonFileEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const makeState = useRef<(doc: string) => EditorState>(null);
  const inputs = useRef<LintInputs>({ path, problems });
  const shownPath = useRef(path);
  const onChangeRef = useRef(onChange);
  const lastEmitted = useRef<string | null>(null);
  const labelRef = useRef(label);
  const [listed, setListed] = useState<ListedProblem[]>([]);
  const problemsKey = JSON.stringify(problems);
  const kind = metaKindFor(path);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  // Created once: later props reach the view through refs and transactions,
  // so typing never rebuilds the editor (nor loses focus, selection, history).
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    const parent = document.createElement("div");
    shadow.append(parent);
    const onUpdate = (u: ViewUpdate) => {
      if (u.docChanged && !u.transactions.some((tr) => tr.annotation(fromProps))) {
        lastEmitted.current = u.state.doc.toString();
        onChangeRef.current(lastEmitted.current);
      }
      if (u.docChanged || u.transactions.some((tr) => tr.effects.some((e) => e.is(setDiagnosticsEffect)))) setListed(listedProblems(u.state));
    };
    makeState.current = (doc) => EditorState.create({ doc, extensions: editorExtensions(labelRef.current, () => inputs.current, onUpdate) });
    const view = new EditorView({ parent, root: shadow, state: makeState.current(value.replace(/\r\n?/g, "\n")) });
    viewRef.current = view;
    return () => {
      view.destroy();
      parent.remove();
      viewRef.current = null;
    };
  }, []); // the first value only; later ones are synced below

  // Another file, or a value that did not come from typing here (the echo of
  // our own onChange is skipped even when it arrives late).
  useEffect(() => {
    const view = viewRef.current;
    if (!view || !makeState.current) return;
    const wanted = value.replace(/\r\n?/g, "\n");
    if (path !== shownPath.current) {
      shownPath.current = path;
      lastEmitted.current = null;
      view.setState(makeState.current(wanted)); // a fresh undo history per file
      setListed([]);
    } else if (value !== lastEmitted.current && wanted !== view.state.doc.toString()) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: wanted }, annotations: fromProps.of(true) });
    }
  }, [path, value]);

  useEffect(() => {
    inputs.current = { path, problems };
    viewRef.current?.dispatch({ effects: relint.of(null) });
  }, [path, problemsKey]); // problems compared by content

  useEffect(() => {
    labelRef.current = label;
    viewRef.current?.dispatch({ effects: labelCompartment.reconfigure(labelExtension(label)) });
  }, [label]);

  function goTo(from: number) {
    const view = viewRef.current;
    if (!view) return;
    const pos = Math.min(from, view.state.doc.length);
    view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
    view.focus();
  }

  return (
    <div className={fr.cx("fr-mb-3w")}>
      <p className={fr.cx("fr-hint-text", "fr-mb-1w")}>
        Tabulation quitte l'éditeur. F8 : erreur suivante ; Ctrl+Maj+M : liste des erreurs ; Ctrl+F : rechercher.
      </p>
      <div ref={hostRef} />
      <p role="status" aria-live="polite" className={fr.cx("fr-mt-1w", "fr-mb-1w", listed.length > 0 ? "fr-error-text" : "fr-valid-text")}>
        {countText(listed.length)}
      </p>
      {kind && metaValidationUnavailable(kind) && (
        <p className={fr.cx("fr-hint-text")}>
          Vérification par les méta-schémas indisponible dans ce navigateur : le serveur vérifiera le fichier à l'enregistrement.
        </p>
      )}
      {listed.length > 0 && (
        <ul className={fr.cx("fr-raw-list")}>
          {listed.map((p, i) => (
            <li key={`${p.from}:${i}`}>
              <button type="button" className={fr.cx("fr-link", "fr-text--sm")} onClick={() => goTo(p.from)}>
                Ligne {p.line} : {p.message}
                {p.pointer ? ` (${p.pointer})` : ""}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
