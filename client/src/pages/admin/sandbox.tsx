/**
 * The sandbox: sample application data (and facts, such as a committee's
 * decision) evaluated by the server against the package being edited — its
 * computed values, its rules and the form's errors. Nothing is stored.
 */
import { useState } from "react";
import { api } from "../../api/http";
import type { Evaluation } from "../../api/types";
import { ComputedPanel } from "../../components/computed-panel";
import { ProblemAlert } from "../../components/problem-alert";
import { RulesPanel } from "../../components/rules-panel";
import type { PackageLayout, PackageProblem } from "./package-layout";

type Props = { files: Record<string, string>; layout: PackageLayout; sample: string; onSample(text: string): void };

function parseObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text || "{}");
  } catch (e) {
    throw new Error(`${what} : JSON invalide (${(e as Error).message}).`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error(`${what} : un objet JSON est attendu.`);
  return value as Record<string, unknown>;
}

/** What the evaluation found, read out once (the panels below are not live regions). */
function summary(result: { ok: boolean; problems: PackageProblem[]; evaluation?: Evaluation }): string {
  if (!result.ok || !result.evaluation) return `Le paquet a ${result.problems.length} problème(s).`;
  const failing = result.evaluation.rules.filter((r) => r.status === "fail").length;
  return `Évaluation faite : ${failing} règle(s) non respectée(s), ${result.evaluation.errors.length} erreur(s) de saisie.`;
}

export function Sandbox({ files, layout, sample, onSample }: Props) {
  const [facts, setFacts] = useState("{}");
  const [result, setResult] = useState<{ ok: boolean; problems: PackageProblem[]; evaluation?: Evaluation } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const factExample = layout.forms.find((f) => f.id !== layout.applicationForm)?.id ?? "formulaire";

  async function run() {
    setError(null);
    try {
      const data = parseObject(sample, "Données de la candidature");
      const f = parseObject(facts, "Faits");
      setResult(await api("POST", "/api/packages/check", { files, sample: { data, facts: f } }));
    } catch (e) { setError(e); }
  }

  return (
    <div>
      <p>Essayez les valeurs calculées et les règles du paquet en cours d'édition sur des données d'essai. Rien n'est enregistré.</p>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="sandbox-data">Données de la candidature (JSON)<span className="fr-hint-text">Remplissez l'aperçu du formulaire puis « Essayer ces données », ou collez un exemple.</span></label>
        <textarea className="fr-input" id="sandbox-data" rows={12} spellCheck={false} value={sample} onChange={(e) => onSample(e.target.value)} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="sandbox-facts">Faits (JSON)<span className="fr-hint-text">Les décisions déjà prises, chacune sous l'identifiant de son formulaire, par exemple : {`{ "${factExample}": { … } }`}</span></label>
        <textarea className="fr-input" id="sandbox-facts" rows={4} spellCheck={false} value={facts} onChange={(e) => setFacts(e.target.value)} />
      </div>
      <button type="button" className="fr-btn fr-mb-3w" onClick={() => void run()}>Évaluer</button>
      <ProblemAlert error={error} headingLevel={3} />
      <p className="fr-sr-only" role="status">{result ? summary(result) : ""}</p>
      {result && !result.ok ? <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w"><p>Le paquet a {result.problems.length} problème(s) ; corrigez-les avant d'essayer des données.</p></div> : null}
      {result?.evaluation ? (
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6"><ComputedPanel defs={layout.computed} values={result.evaluation.computed} headingLevel={3} compact /></div>
          <div className="fr-col-12 fr-col-md-6">
            <RulesPanel rules={result.evaluation.rules} headingLevel={3} />
            <h3 className="fr-h6">Erreurs de saisie ({result.evaluation.errors.length})</h3>
            <ul>{result.evaluation.errors.map((e, i) => <li key={i}><code>{e.pointer}</code> : {e.message}</li>)}</ul>
          </div>
        </div>
      ) : null}
    </div>
  );
}
