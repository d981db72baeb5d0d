/** The filters the package declares for the queue (e.g. a town, a yes/no, a type), as choices or text. */
import type { FormEvent } from "react";
import type { ProcedureDetail } from "../../api/types";
import { choicesOf, schemaAt } from "../../forms/schema-at";

export function QueueFilters({ procedure, active, onApply }: { procedure: ProcedureDetail; active: string[]; onApply(filters: string[]): void }) {
  const filters = procedure.search.filters ?? [];
  if (filters.length === 0) return null;
  const schema = procedure.forms[procedure.applicationForm]!.schema;
  const current = Object.fromEntries(active.map((f) => [f.slice(0, f.indexOf(":")), f.slice(f.indexOf(":") + 1)]));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply(filters.map((f) => [f.field, String(form.get(f.field) ?? "").trim()] as const).filter(([, v]) => v !== "").map(([k, v]) => `${k}:${v}`));
  }

  return (
    <form onSubmit={submit} className="fr-mb-3w" aria-labelledby="filters-title" key={active.join("|")}>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend" id="filters-title">Filtres</legend>
        {filters.map((f) => {
          const field = schemaAt(schema, f.field);
          const label = f.label ?? (typeof field?.title === "string" ? field.title : f.field);
          const choices = choicesOf(field);
          const id = `filter-${f.field.replace(/\./g, "-")}`;
          return (
            <div key={f.field} className="fr-fieldset__element fr-fieldset__element--inline">
              {choices ? (
                <div className="fr-select-group">
                  <label className="fr-label" htmlFor={id}>{label}</label>
                  <select className="fr-select" id={id} name={f.field} defaultValue={current[f.field] ?? ""}>
                    <option value="">Tous</option>
                    {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
                  </select>
                </div>
              ) : (
                <div className="fr-input-group">
                  <label className="fr-label" htmlFor={id}>{label}</label>
                  <input className="fr-input" id={id} name={f.field} defaultValue={current[f.field] ?? ""} />
                </div>
              )}
            </div>
          );
        })}
        <div className="fr-fieldset__element">
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
            <li><button type="submit" className="fr-btn fr-btn--sm">Filtrer</button></li>
            {active.length > 0 ? <li><button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => onApply([])}>Effacer les filtres</button></li> : null}
          </ul>
        </div>
      </fieldset>
    </form>
  );
}
