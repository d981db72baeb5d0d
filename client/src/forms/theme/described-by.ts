/** aria-describedby for a control: only the hint and error elements that the field template actually renders. */
import type { WidgetProps } from "@rjsf/utils";

export function describedBy(props: Pick<WidgetProps, "id" | "rawErrors" | "schema" | "uiSchema">): string | undefined {
  const ids: string[] = [];
  if (props.schema.description || props.uiSchema?.["ui:description"] || props.uiSchema?.["ui:help"]) ids.push(`${props.id}__hint`);
  if (props.rawErrors && props.rawErrors.length > 0) ids.push(`${props.id}__error`);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function hasErrors(rawErrors: string[] | undefined): boolean {
  return !!rawErrors && rawErrors.length > 0;
}
