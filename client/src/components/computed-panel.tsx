/**
 * The package's computed values for a dossier, with their labels and units.
 * Not a live region: a value that moves at each keystroke would be read out
 * each time (the rules' summary beside it is). `compact` for a narrow column:
 * the label on the left, the value kept whole on the right.
 */
import type { ComputedDef } from "../api/types";
import { formatValue } from "../format";

export function ComputedPanel({ defs, values, title = "Valeurs calculées", compact = false, headingLevel = 2 }: { defs: Record<string, ComputedDef>; values: Record<string, unknown>; title?: string; compact?: boolean; headingLevel?: 2 | 3 }) {
  const Title = `h${headingLevel}` as "h2";
  return (
    <section aria-labelledby="computed-title" className="fr-mb-3w">
      <Title className="fr-h6" id="computed-title">{title}</Title>
      <dl className={`guichet-kv${compact ? " guichet-kv--compact" : ""}`}>
        {Object.entries(defs).map(([name, def]) => (
          <div key={name} style={{ display: "contents" }}>
            <dt className="fr-text--sm">{def.label}</dt>
            <dd className="fr-text--sm" data-computed={name}>{formatValue(values[name], def.unit)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
