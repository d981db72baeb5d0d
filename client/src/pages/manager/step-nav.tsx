/** The list of the form's steps, with the number of fields left to correct in each. */
import type { Section } from "../../forms/sections";

export function StepNav({ sections, current, errors, onSelect }: { sections: Section[]; current: number; errors: Record<string, number>; onSelect(index: number): void }) {
  const steps = [...sections, { name: "", title: "Vérification et dépôt" }];
  return (
    <nav className="fr-sidemenu guichet-side" aria-labelledby="steps-title">
      <div className="fr-sidemenu__inner">
        <p className="fr-sidemenu__title" id="steps-title">Étapes</p>
        <ul className="fr-sidemenu__list">
          {steps.map((s, i) => (
            <li key={s.name || "last"} className={`fr-sidemenu__item${i === current ? " fr-sidemenu__item--active" : ""}`}>
              <button type="button" className="fr-sidemenu__link" aria-current={i === current ? "step" : undefined} onClick={() => onSelect(i)}>
                {i + 1}. {s.title}
                {s.name && errors[s.name] ? <span className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">{errors[s.name]} à compléter</span> : null}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
