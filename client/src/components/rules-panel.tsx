/**
 * The package's rules for a dossier: which pass, which fail and why, which a
 * committee may waive. Live while the application is being filled.
 */
import type { RuleResult } from "../api/types";

const ICON: Record<RuleResult["status"], string> = { pass: "fr-icon-success-fill", fail: "fr-icon-close-circle-fill", notApplicable: "fr-icon-subtract-line" };

export function RulesPanel({ rules, title = "Règles de la charte", headingLevel = 2 }: { rules: RuleResult[]; title?: string; headingLevel?: 2 | 3 }) {
  const failing = rules.filter((r) => r.status === "fail");
  const blocking = failing.filter((r) => r.severity === "blocking");
  const Title = `h${headingLevel}` as "h2";
  return (
    <section aria-labelledby="rules-title" className="fr-mb-3w">
      <Title className="fr-h6" id="rules-title">{title}</Title>
      <p className="fr-text--sm" aria-live="polite">
        {failing.length === 0 ? "Toutes les règles applicables sont respectées." : `${blocking.length} règle(s) bloquante(s) non respectée(s), ${failing.length - blocking.length} avertissement(s).`}
      </p>
      <ul className="fr-raw-list guichet-rules">
        {rules.map((r) => (
          <li key={r.name}>
            <span className={`${ICON[r.status]} fr-icon--sm fr-mr-1w`} aria-hidden="true" />
            <span className="fr-sr-only">{r.status === "pass" ? "Respectée : " : r.status === "fail" ? (r.severity === "blocking" ? "Non respectée : " : "Avertissement : ") : "Sans objet : "}</span>
            <span className={r.status === "notApplicable" ? "fr-text-mention--grey" : undefined}>{r.label}</span>
            {r.status === "fail" && r.message ? <p className={`fr-text--sm fr-mb-0 ${r.severity === "blocking" ? "fr-error-text" : "fr-info-text"}`}>{r.message}{r.derogable ? " Une dérogation peut être demandée au comité." : ""}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
