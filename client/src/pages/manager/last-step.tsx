/**
 * The application's last step: what is left to correct, in the order of the
 * steps, each a link that opens its step and puts the focus on the field;
 * the charter's rules; then submitting.
 */
import type { FieldError, RuleResult } from "../../api/types";
import { ErrorSummary } from "../../components/error-summary";
import { ProblemAlert } from "../../components/problem-alert";
import { RulesPanel } from "../../components/rules-panel";
import { fieldLabel } from "../../forms/field-label";
import { topLevel } from "../../forms/ids";
import type { Section } from "../../forms/sections";

type Props = {
  schema: Record<string, unknown>; sections: Section[]; errors: FieldError[]; rules: RuleResult[];
  submitError: unknown; submitting: boolean; onGoTo(step: number): void; onSubmit(): void;
};

export function LastStep({ schema, sections, errors, rules, submitError, submitting, onGoTo, onSubmit }: Props) {
  const stepOf = (pointer: string) => Math.max(0, sections.findIndex((s) => s.name === topLevel(pointer)));
  const ordered = errors.map((e, i) => ({ e, i })).sort((a, b) => stepOf(a.e.pointer) - stepOf(b.e.pointer) || a.i - b.i).map(({ e }) => e);
  return (
    <>
      <ErrorSummary
        title="Éléments à corriger avant le dépôt" headingLevel={3} autoFocus={false}
        errors={ordered.map((e) => ({ ...e, label: fieldLabel(schema, e.pointer) }))}
        onGoTo={(pointer) => onGoTo(stepOf(pointer))}
      />
      {errors.length === 0 ? <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w"><p>Le formulaire est complet.</p></div> : null}
      <RulesPanel rules={rules} headingLevel={3} />
      <ProblemAlert error={submitError} headingLevel={3} autoFocus />
      <button type="button" className="fr-btn fr-btn--icon-left fr-icon-send-plane-fill" disabled={submitting} onClick={onSubmit}>
        {submitting ? "Dépôt en cours…" : "Déposer ma candidature"}
      </button>
    </>
  );
}
