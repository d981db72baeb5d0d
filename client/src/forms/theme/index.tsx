/**
 * The DSFR theme for RJSF (no official one exists): widgets render the
 * controls, templates the DSFR frames. `withTheme` gives the themed Form.
 */
import { withTheme, type FormProps, type ThemeProps } from "@rjsf/core";
import { translateString } from "../translate";
import { CheckboxesWidget, CheckboxWidget, RadioWidget } from "./choices";
import { ArrayFieldItemTemplate, ArrayFieldTemplate, ObjectFieldTemplate } from "./containers";
import { FieldTemplate } from "./field-template";
import { FileWidget } from "./file-widget";
import { BaseInputTemplate, NumberWidget, SelectWidget, TelWidget, TextareaWidget } from "./inputs";
import { DescriptionFieldTemplate, ErrorListTemplate, IconButton, SubmitButton, TitleFieldTemplate } from "./misc";

export const dsfrTheme: ThemeProps = {
  widgets: { TextareaWidget, SelectWidget, RadioWidget, CheckboxesWidget, CheckboxWidget, FileWidget, file: FileWidget, tel: TelWidget, number: NumberWidget },
  templates: {
    BaseInputTemplate, FieldTemplate, ObjectFieldTemplate, ArrayFieldTemplate, ArrayFieldItemTemplate, ErrorListTemplate,
    TitleFieldTemplate, DescriptionFieldTemplate,
    FieldErrorTemplate: () => null,
    FieldHelpTemplate: () => null,
    ButtonTemplates: { SubmitButton, AddButton: IconButton, RemoveButton: IconButton, MoveUpButton: IconButton, MoveDownButton: IconButton, CopyButton: IconButton, ClearButton: IconButton },
  },
};

const ThemedForm = withTheme(dsfrTheme);

/**
 * Nothing is answered for the person: no "Non" chosen for an unanswered
 * yes/no, no first option picked, no list item created; a required list
 * starts empty (an empty list is an answer), blocks as empty objects (which
 * the draft drops before sending, see prune-empty.ts).
 */
const DEFAULTS: FormProps["experimental_defaultFormStateBehavior"] = {
  requiredBooleanDefault: "skip",
  constAsDefaults: "never",
  emptyObjectFields: "populateRequiredDefaults",
  arrayMinItems: { populate: "never" },
};

/** Invalid submissions are shown by the error summary; RJSF would also log them as console errors. */
const quiet = () => undefined;

/** The themed form, with RJSF's own strings in French. */
export function DsfrForm(props: FormProps) {
  return <ThemedForm translateString={translateString} experimental_defaultFormStateBehavior={DEFAULTS} onError={quiet} {...props} />;
}
