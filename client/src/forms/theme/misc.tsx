/** The remaining templates: error summary, titles, descriptions, buttons. */
import type { DescriptionFieldProps, ErrorListProps, IconButtonProps, SubmitButtonProps, TitleFieldProps } from "@rjsf/utils";
import { getSubmitButtonOptions } from "@rjsf/utils";
import { ErrorSummary } from "../../components/error-summary";
import { fieldLabel } from "../field-label";

/** RJSF's property path (".list.0.name", or "name" for a missing field at the root) as a JSON pointer. */
export function propertyToPointer(property: string | undefined): string {
  const path = (property ?? "").replace(/^\./, "");
  return path ? `/${path.split(".").join("/")}` : "";
}

/** RJSF's own list of errors (action forms validated in the browser): the same summary as the server's. */
export function ErrorListTemplate({ errors, registry }: ErrorListProps) {
  const items = errors.map((e) => {
    const pointer = propertyToPointer(e.property);
    return { pointer, message: e.message ?? e.stack, label: fieldLabel(registry.rootSchema as Record<string, unknown>, pointer) };
  });
  const { headingLevel = 2 } = (registry.formContext ?? {}) as { headingLevel?: 2 | 3 | 4 };
  return <ErrorSummary errors={items} idPrefix={registry.globalFormOptions.idPrefix} headingLevel={headingLevel} />;
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
