/**
 * Choice controls: radio buttons (yes/no and short lists), checkboxes (a
 * list of values), and a single checkbox (a boolean). The field template
 * wraps the first two in a fieldset whose legend is the field's label.
 */
import type { WidgetProps } from "@rjsf/utils";
import { describedBy, hasErrors } from "./described-by";

export function RadioWidget(props: WidgetProps) {
  const { id, value, required, disabled, readonly, onChange, onBlur, onFocus, options } = props;
  const inline = (options.enumOptions ?? []).length <= 3;
  return (
    <>
      {(options.enumOptions ?? []).map((o, i) => (
        <div key={i} className={`fr-fieldset__element${inline ? " fr-fieldset__element--inline" : ""}`}>
          <div className="fr-radio-group">
            <input
              type="radio" id={`${id}-${i}`} name={id} checked={value === o.value} required={required} disabled={disabled || readonly}
              aria-describedby={describedBy(props)}
              onChange={() => onChange(o.value)} onBlur={() => onBlur(id, value)} onFocus={() => onFocus(id, value)}
            />
            <label className="fr-label" htmlFor={`${id}-${i}`}>{o.label}</label>
          </div>
        </div>
      ))}
    </>
  );
}

export function CheckboxesWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, onBlur, onFocus, options } = props;
  const selected: unknown[] = Array.isArray(value) ? value : [];
  const all = options.enumOptions ?? [];
  const toggle = (v: unknown, on: boolean) => {
    const next = on ? [...selected, v] : selected.filter((s) => s !== v);
    onChange(all.map((o) => o.value).filter((x) => next.includes(x)));
  };
  return (
    <>
      {all.map((o, i) => (
        <div key={i} className="fr-fieldset__element">
          <div className="fr-checkbox-group">
            <input
              type="checkbox" id={`${id}-${i}`} name={id} checked={selected.includes(o.value)} disabled={disabled || readonly}
              aria-describedby={describedBy(props)}
              onChange={(e) => toggle(o.value, e.target.checked)} onBlur={() => onBlur(id, value)} onFocus={() => onFocus(id, value)}
            />
            <label className="fr-label" htmlFor={`${id}-${i}`}>{o.label}</label>
          </div>
        </div>
      ))}
    </>
  );
}

export function CheckboxWidget(props: WidgetProps) {
  const { id, value, required, disabled, readonly, onChange, onBlur, onFocus, label, rawErrors } = props;
  return (
    <div className={`fr-checkbox-group${hasErrors(rawErrors) ? " fr-checkbox-group--error" : ""}`}>
      <input
        type="checkbox" id={id} name={id} checked={value === true} required={required} disabled={disabled || readonly}
        aria-describedby={describedBy(props)}
        onChange={(e) => onChange(e.target.checked)} onBlur={() => onBlur(id, value)} onFocus={() => onFocus(id, value)}
      />
      <label className="fr-label" htmlFor={id}>{label}{required ? " *" : ""}</label>
    </div>
  );
}
