/**
 * Preview of a package's form as it is being edited: rendered by the same
 * theme as for managers; "Vérifier la saisie" asks the server to validate the
 * data against the edited package (nothing is published or stored).
 */
import { useMemo, useState } from "react";
import { api } from "../../api/http";
import type { Evaluation } from "../../api/types";
import { ErrorSummary } from "../../components/error-summary";
import { ProblemAlert } from "../../components/problem-alert";
import { fieldLabel } from "../../forms/field-label";
import { toErrorSchema } from "../../forms/ids";
import { readableMessage } from "../../forms/messages";
import { prepareUi } from "../../forms/prepare-ui";
import { pruneEmpty } from "../../forms/prune-empty";
import { DsfrForm } from "../../forms/theme";
import { serverOnlyValidator } from "../../forms/validator";
import { parseFile, type PackageLayout, type PackageProblem } from "./package-layout";

type Props = { files: Record<string, string>; layout: PackageLayout; initialForm?: string | undefined; data: Record<string, unknown>; onData(data: Record<string, unknown>): void; onTry(): void };

export function FormPreview({ files, layout, initialForm, data, onData, onTry }: Props) {
  const [formId, setFormId] = useState(initialForm ?? layout.applicationForm ?? layout.forms[0]?.id);
  const form = layout.forms.find((f) => f.id === formId);
  const schema = parseFile(files, form?.schema);
  const ui = parseFile(files, form?.ui);
  const prepared = useMemo(() => (schema ? { ...prepareUi(schema, ui), "ui:submitButtonOptions": { norender: true } } : {}), [schema, ui]);
  const [result, setResult] = useState<{ errors: Evaluation["errors"]; problems: PackageProblem[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const extraErrors = useMemo(() => toErrorSchema(result?.errors ?? []), [result]);

  async function verify() {
    setError(null);
    try {
      const r = await api<{ ok: boolean; problems: PackageProblem[]; evaluation?: Evaluation }>("POST", "/api/packages/check", { files, sample: { data: pruneEmpty(data) }, form: formId });
      setResult({ errors: (r.evaluation?.errors ?? []).map(readableMessage), problems: r.problems });
    } catch (e) { setError(e); }
  }

  return (
    <div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="preview-form">Formulaire</label>
        <select id="preview-form" className="fr-select" value={formId ?? ""} onChange={(e) => { setFormId(e.target.value); setResult(null); onData({}); }}>
          {layout.forms.map((f) => <option key={f.id} value={f.id}>{f.title}</option>)}
        </select>
      </div>
      <ProblemAlert error={error} headingLevel={3} />
      {!schema ? <p>Le schéma de ce formulaire n'est pas un JSON valide : corrigez-le dans l'éditeur.</p> : (
        <>
          {result && result.problems.length > 0 ? <p className="fr-error-text">Le paquet a {result.problems.length} problème(s) : vérifiez-le avant de tester la saisie.</p> : null}
          {result && result.problems.length === 0 ? (
            result.errors.length === 0 ? <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status"><p>La saisie est valide.</p></div>
              : <ErrorSummary errors={result.errors.map((e) => ({ ...e, label: fieldLabel(schema, e.pointer) }))} idPrefix="preview" headingLevel={3} />
          ) : null}
          <div className="fr-card fr-p-3w fr-mb-2w">
            <DsfrForm
              key={formId} schema={schema} uiSchema={prepared} formData={data} validator={serverOnlyValidator} idPrefix="preview"
              extraErrors={extraErrors} noHtml5Validate showErrorList={false} formContext={{ headingLevel: 3 }}
              onChange={(e) => onData((e.formData ?? {}) as Record<string, unknown>)}
            >
              <></>
            </DsfrForm>
          </div>
          <ul className="fr-btns-group fr-btns-group--inline">
            <li><button type="button" className="fr-btn fr-btn--secondary" onClick={() => void verify()}>Vérifier la saisie</button></li>
            {formId === layout.applicationForm ? <li><button type="button" className="fr-btn fr-btn--tertiary" onClick={onTry}>Essayer ces données dans le bac à sable</button></li> : null}
          </ul>
        </>
      )}
    </div>
  );
}
