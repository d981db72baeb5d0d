/**
 * Every field's frame in DSFR markup: an input group (label with its hint,
 * the control, the error) or, for choices, a fieldset whose legend is the
 * label; a file, an upload group whose hint gives the size limit and formats.
 * Objects and lists frame themselves (see containers.tsx).
 */
import type { FieldTemplateProps } from "@rjsf/utils";
import { sentence } from "../messages";

const GROUP_WIDGETS = new Set(["radio", "checkboxes"]);
/** The server's limit for an attachment (see the README). */
const MAX_FILE = "10 Mo";

function fileHint(props: FieldTemplateProps): string {
  const accept = props.uiSchema?.["ui:options"]?.accept;
  const formats = typeof accept === "string" && accept.trim() ? accept.split(",").map((f) => f.trim().replace(/^\./, "").toUpperCase()).join(", ") : "PDF, images, documents bureautiques";
  return `Taille maximale : ${MAX_FILE}. Formats acceptés : ${formats}.`;
}

function isGroup(props: FieldTemplateProps): boolean {
  const widget = props.uiSchema?.["ui:widget"];
  if (typeof widget === "string" && GROUP_WIDGETS.has(widget)) return true;
  const items = props.schema.items as { enum?: unknown[]; oneOf?: unknown[] } | undefined;
  return props.schema.type === "array" && props.schema.uniqueItems === true && !!items && (!!items.enum || !!items.oneOf);
}

function Hint({ id, text }: { id: string; text: string | undefined }) {
  return text ? <span className="fr-hint-text" id={`${id}__hint`}>{text}</span> : null;
}

export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, required, rawErrors, rawHelp, rawDescription, children, hidden, displayLabel, schema, classNames } = props;
  if (hidden) return <div className="fr-hidden">{children}</div>;
  const errors = (rawErrors ?? []).filter((e, i, all) => all.indexOf(e) === i).map(sentence);
  const file = props.uiSchema?.["ui:widget"] === "file" || props.uiSchema?.["ui:widget"] === "FileWidget";
  const hint = [rawDescription, rawHelp, file ? fileHint(props) : undefined].filter(Boolean).join(" ") || undefined;
  const group = isGroup(props);
  if (!group && (schema.type === "object" || schema.type === "array" || (schema.type === undefined && !!schema.properties))) {
    return <div className={classNames}>{children}</div>;
  }
  const errorText = errors.length > 0 ? <p className={group ? "fr-message fr-message--error" : "fr-error-text"} id={`${id}__error`}>{errors.join(" ")}</p> : null;
  if (group) {
    return (
      <fieldset className={`fr-fieldset${errors.length > 0 ? " fr-fieldset--error" : ""}`} id={`${id}__fieldset`} aria-labelledby={`${id}__legend`}>
        <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}__legend`}>
          {label}{required ? " *" : ""}<Hint id={id} text={hint} />
        </legend>
        {children}
        <div className="fr-messages-group" aria-live="polite">{errorText}</div>
      </fieldset>
    );
  }
  if (!displayLabel) {
    return (
      <div className={`fr-mb-3w${errors.length > 0 ? " fr-input-group--error" : ""}`}>
        {children}
        {hint ? <p className="fr-hint-text" id={`${id}__hint`}>{hint}</p> : null}
        {errorText}
      </div>
    );
  }
  const select = Array.isArray(schema.enum) || Array.isArray(schema.oneOf);
  const base = file ? "fr-upload-group" : select ? "fr-select-group" : "fr-input-group";
  return (
    <div className={`${base}${errors.length > 0 ? ` ${base}--error` : ""}`}>
      <label className="fr-label" htmlFor={id}>
        {label}{required ? " *" : ""}<Hint id={id} text={hint} />
      </label>
      {children}
      {errorText}
    </div>
  );
}
