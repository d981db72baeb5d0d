/** The remaining templates: error summary, titles, descriptions, buttons. */
import type { DescriptionFieldProps, ErrorListProps, IconButtonProps, SubmitButtonProps, TitleFieldProps } from "@rjsf/utils";
import { getSubmitButtonOptions } from "@rjsf/utils";
import { ErrorSummary } from "../../components/error-summary";
import { fieldLabel } from "../field-label";

/** RJSF's own list of errors (action forms validated in the browser): the same summary as the server's. */
export function ErrorListTemplate({ errors, registry }: ErrorListProps) {
  const items = errors.map((e) => {
    const pointer = (e.property ?? "").replace(/^\./, "/").replace(/\./g, "/");
    return { pointer, message: e.message ?? e.stack, label: fieldLabel(registry.rootSchema as Record<string, unknown>, pointer) };
  });
  return <ErrorSummary errors={items} idPrefix={registry.globalFormOptions.idPrefix} />;
}

export function TitleFieldTemplate({ id, title }: TitleFieldProps) {
  return title ? <p className="fr-text--bold" id={id}>{title}</p> : null;
}

export function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  return description ? <p className="fr-hint-text" id={id}>{description}</p> : null;
}

export function SubmitButton({ uiSchema }: SubmitButtonProps) {
  const { submitText, norender } = getSubmitButtonOptions(uiSchema);
  if (norender) return null;
  return <button type="submit" className="fr-btn fr-mt-2w">{submitText === "Submit" ? "Valider" : submitText}</button>;
}

export function IconButton({ iconType: _iconType, icon: _icon, uiSchema: _ui, registry: _registry, className, ...rest }: IconButtonProps) {
  return <button type="button" className={`fr-btn fr-btn--tertiary fr-btn--sm ${className ?? ""}`} {...rest} />;
}
