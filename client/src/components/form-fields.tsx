/**
 * The DSFR fields of the account and organisation forms: a label with its
 * hint, and the field's error (the client's check or the server's pointer)
 * shown under it, linked with aria-describedby and aria-invalid. Ids are
 * `${prefix}_${name}`, as the error summary's links expect.
 */
import type { ChangeEvent, ReactNode } from "react";

type Common = { prefix: string; name: string; label: ReactNode; hint?: ReactNode; error?: string | undefined; required?: boolean; disabled?: boolean };

function describedBy(id: string, error: string | undefined): { "aria-describedby"?: string; "aria-invalid"?: true } {
  return error ? { "aria-describedby": `${id}-error`, "aria-invalid": true } : {};
}

function Message({ id, error }: { id: string; error: string | undefined }) {
  return error ? <p className="fr-error-text" id={`${id}-error`}>{error}</p> : null;
}

type TextProps = Common & {
  type?: "text" | "email" | "password";
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email";
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  spellCheck?: boolean;
};

export function TextField({ prefix, name, label, hint, error, required, disabled, type = "text", autoComplete, inputMode, value, defaultValue, onChange, spellCheck }: TextProps) {
  const id = `${prefix}_${name}`;
  return (
    <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>{label}{hint ? <span className="fr-hint-text">{hint}</span> : null}</label>
      <input
        className={`fr-input${error ? " fr-input--error" : ""}`} id={id} name={name} type={type} autoComplete={autoComplete} inputMode={inputMode}
        required={required} disabled={disabled} spellCheck={spellCheck} {...describedBy(id, error)}
        {...(value !== undefined ? { value, onChange: (e: ChangeEvent<HTMLInputElement>) => onChange?.(e.target.value) } : { defaultValue })}
      />
      <Message id={id} error={error} />
    </div>
  );
}

export function TextAreaField({ prefix, name, label, hint, error, required, disabled, maxLength }: Common & { maxLength?: number }) {
  const id = `${prefix}_${name}`;
  return (
    <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>{label}{hint ? <span className="fr-hint-text">{hint}</span> : null}</label>
      <textarea className={`fr-input${error ? " fr-input--error" : ""}`} id={id} name={name} rows={4} required={required} disabled={disabled} maxLength={maxLength} {...describedBy(id, error)} />
      <Message id={id} error={error} />
    </div>
  );
}

type SelectProps = Common & { options: Array<{ value: string; label: string }>; placeholder?: string; value?: string; onChange?: (value: string) => void };

export function SelectField({ prefix, name, label, hint, error, required, disabled, options, placeholder = "Sélectionnez une option", value, onChange }: SelectProps) {
  const id = `${prefix}_${name}`;
  return (
    <div className={`fr-select-group${error ? " fr-select-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>{label}{hint ? <span className="fr-hint-text">{hint}</span> : null}</label>
      <select
        className={`fr-select${error ? " fr-select--error" : ""}`} id={id} name={name} required={required} disabled={disabled} {...describedBy(id, error)}
        {...(value !== undefined ? { value, onChange: (e: ChangeEvent<HTMLSelectElement>) => onChange?.(e.target.value) } : { defaultValue: "" })}
      >
        <option value="" disabled>{placeholder}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <Message id={id} error={error} />
    </div>
  );
}

/** A form's submit button, disabled while the request runs and saying so (« Envoi… »). */
export function SubmitButton({ busy, busyLabel, secondary = false, children }: { busy: boolean; busyLabel: string; secondary?: boolean; children: string }) {
  return <button className={secondary ? "fr-btn fr-btn--secondary" : "fr-btn"} type="submit" disabled={busy}>{busy ? busyLabel : children}</button>;
}
