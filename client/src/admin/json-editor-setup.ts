/**
 * The CodeMirror extensions of the package file editor: JSON language, a
 * linter fed by `locateProblems` (syntax, meta-schema, the server's problems),
 * a DSFR-coloured theme, and the accessible name of the editable area.
 */
import { json } from "@codemirror/lang-json";
import { forEachDiagnostic, lintGutter, linter, type Diagnostic } from "@codemirror/lint";
import { Annotation, Compartment, StateEffect, type EditorState, type Extension } from "@codemirror/state";
import type { ViewUpdate } from "@codemirror/view";
import { EditorView, basicSetup } from "codemirror";
import { locateProblems, type LocatedProblem, type PointedProblem } from "./locate-problems";
import { metaKindFor, validateAgainstMeta } from "./meta-schemas";

/** Inputs of the linter that live outside the document. */
export type LintInputs = { path: string; problems: readonly PointedProblem[] };
/** A diagnostic as listed under the editor. */
export type ListedProblem = { line: number; from: number; message: string; pointer: string };

/** Marks a transaction that syncs the document from props (not typed by the person). */
export const fromProps = Annotation.define<boolean>();
/** Asks the linter to run again (the server's problems or the path changed). */
export const relint = StateEffect.define<null>();
/** Holds the aria-label, so a new label does not rebuild the editor. */
export const labelCompartment = new Compartment();

export function labelExtension(label: string): Extension {
  // tabindex: a contenteditable is focusable anyway; saying so lets checkers
  // (axe "scrollable-region-focusable") see the scroller has a focusable child.
  return EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" });
}

/** Every problem of `text`: syntax, then meta-schema (when it parses), then the server's. */
export function problemsOf(text: string, inputs: LintInputs): LocatedProblem[] {
  const kind = metaKindFor(inputs.path);
  let meta: PointedProblem[] = [];
  if (kind) {
    try {
      meta = validateAgainstMeta(kind, JSON.parse(text) as unknown);
    } catch {
      // A syntax error: locateProblems reports it with its position.
    }
  }
  return locateProblems(text, [...meta, ...inputs.problems]);
}

function lintSource(read: () => LintInputs) {
  return (view: EditorView): Diagnostic[] =>
    problemsOf(view.state.doc.toString(), read()).map((p) => ({
      from: p.from,
      to: p.to,
      severity: "error",
      message: p.message,
      ...(p.pointer ? { source: p.pointer } : {}),
    }));
}

/** The diagnostics currently in the editor, with their line, in document order. */
export function listedProblems(state: EditorState): ListedProblem[] {
  const out: ListedProblem[] = [];
  forEachDiagnostic(state, (d, from) => {
    out.push({ line: state.doc.lineAt(from).number, from, message: d.message, pointer: d.source ?? "" });
  });
  return out.sort((a, b) => a.from - b.from);
}

const theme = EditorView.theme({
  "&": {
    border: "1px solid var(--border-plain-grey)",
    backgroundColor: "var(--background-default-grey)",
    color: "var(--text-default-grey)",
    maxHeight: "70vh",
    fontSize: "0.875rem",
  },
  "&.cm-focused": { outline: "2px solid #0a76f6", outlineOffset: "2px" },
  ".cm-scroller": { overflow: "auto", fontFamily: "ui-monospace, Menlo, Consolas, monospace" },
  ".cm-gutters": { backgroundColor: "var(--background-alt-grey)", color: "var(--text-mention-grey)", borderRight: "1px solid var(--border-default-grey)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--background-contrast-grey)" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--text-default-error)" },
});

/** All extensions; `read` gives the latest path and server problems, `onUpdate` sees every view update. */
export function editorExtensions(label: string, read: () => LintInputs, onUpdate: (update: ViewUpdate) => void): Extension[] {
  return [
    basicSetup,
    json(),
    lintGutter(),
    linter(lintSource(read), {
      delay: 300,
      needsRefresh: (u) => u.transactions.some((tr) => tr.effects.some((e) => e.is(relint))),
    }),
    theme,
    labelCompartment.of(labelExtension(label)),
    EditorView.updateListener.of(onUpdate),
  ];
}
