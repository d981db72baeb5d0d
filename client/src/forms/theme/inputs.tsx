/**
 * The DSFR controls: text-like inputs, textarea, select. Each renders the
 * control only; its label, hint and error are the field template's.
 */
import type { BaseInputTemplateProps, WidgetProps } from "@rjsf/utils";
import { getInputProps } from "@rjsf/utils";
import type { ChangeEvent } from "react";
import { describedBy, hasErrors } from "./described-by";

export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, value, required, disabled, readonly, autofocus, onChange, onChangeOverride, onBlur, onFocus, options, schema, type, rawErrors, placeholder } = props;
  const inputProps = getInputProps(schema, type, options);
  const isNumber = inputProps.type === "number" || inputProps.type === "integer";
  const handle = onChangeOverride ?? (({ target }: ChangeEvent<HTMLInputElement>) => onChange(target.value === "" ? options.emptyValue : target.value));
  return (
    <input
      id={id} name={id} className={`fr-input${hasErrors(rawErrors) ? " fr-input--error" : ""}`}
      {...inputProps}
      {...(isNumber ? { type: "number", inputMode: "decimal" as const } : {})}
      value={value ?? ""} required={required} disabled={disabled || readonly} readOnly={readonly} autoFocus={autofocus}
      placeholder={placeholder} aria-invalid={hasErrors(rawErrors) || undefined} aria-describedby={describedBy(props)}
      autoComplete={inputProps.type === "email" ? "email" : inputProps.type === "tel" ? "tel" : undefined}
      onChange={handle} onBlur={(e) => onBlur(id, e.target.value)} onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

export function TextareaWidget(props: WidgetProps) {
  const { id, value, required, disabled, readonly, onChange, onBlur, onFocus, options, rawErrors } = props;
  return (
    <textarea
      id={id} name={id} className={`fr-input${hasErrors(rawErrors) ? " fr-input--error" : ""}`} rows={Number(options.rows ?? 5)}
      value={value ?? ""} required={required} disabled={disabled || readonly} readOnly={readonly}
      aria-invalid={hasErrors(rawErrors) || undefined} aria-describedby={describedBy(props)}
      onChange={(e) => onChange(e.target.value === "" ? options.emptyValue : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)} onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

export function SelectWidget(props: WidgetProps) {
  const { id, value, required, disabled, readonly, onChange, onBlur, onFocus, options, rawErrors } = props;
  const choices = options.enumOptions ?? [];
  const index = choices.findIndex((o) => o.value === value);
  return (
    <select
      id={id} name={id} className={`fr-select${hasErrors(rawErrors) ? " fr-select--error" : ""}`} value={index < 0 ? "" : String(index)}
      required={required} disabled={disabled || readonly} aria-invalid={hasErrors(rawErrors) || undefined} aria-describedby={describedBy(props)}
      onChange={(e) => onChange(e.target.value === "" ? options.emptyValue : choices[Number(e.target.value)]?.value)}
      onBlur={() => onBlur(id, value)} onFocus={() => onFocus(id, value)}
    >
      <option value="">Sélectionnez une option</option>
      {choices.map((o, i) => <option key={i} value={String(i)}>{o.label}</option>)}
    </select>
  );
}

/** A phone number: a text input with the phone keyboard. */
export function TelWidget(props: WidgetProps) {
  const { BaseInputTemplate: Input } = props.registry.templates;
  return <Input {...props} type="tel" />;
}

/** A number typed in a text box (the package may ask for it by name). */
export function NumberWidget(props: WidgetProps) {
  const { BaseInputTemplate: Input } = props.registry.templates;
  return <Input {...props} type="number" />;
}
