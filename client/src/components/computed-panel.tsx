/** The package's computed values for a dossier, with their labels and units. */
import type { ComputedDef } from "../api/types";
import { formatValue } from "../format";

export function ComputedPanel({ defs, values, title = "Valeurs calculées" }: { defs: Record<string, ComputedDef>; values: Record<string, unknown>; title?: string }) {
  return (
    <section aria-labelledby="computed-title" className="fr-mb-3w">
      <h2 className="fr-h6" id="computed-title">{title}</h2>
      <dl className="guichet-kv" aria-live="polite">
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
