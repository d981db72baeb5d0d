/** The list of the form's steps, with the number of answers left to give or correct in each. */
import { SideMenu } from "../../components/side-menu";
import type { Section } from "../../forms/sections";

export function StepNav({ sections, current, errors, onSelect }: { sections: Section[]; current: number; errors: Record<string, number>; onSelect(index: number): void }) {
  const steps = [...sections, { name: "", title: "Vérification et dépôt" }];
  return (
    <SideMenu id="steps" title="Étapes" sticky className="guichet-steps">
      {steps.map((s, i) => (
        <li key={s.name || "last"} className={`fr-sidemenu__item${i === current ? " fr-sidemenu__item--active" : ""}`}>
          <button type="button" className="fr-sidemenu__link" aria-current={i === current ? "step" : undefined} onClick={() => onSelect(i)}>
            <span>{i + 1}. {s.title}</span>
            {s.name && errors[s.name] ? <span className="fr-badge fr-badge--sm fr-badge--warning">{errors[s.name]} à compléter</span> : null}
          </button>
        </li>
      ))}
    </SideMenu>
  );
}
