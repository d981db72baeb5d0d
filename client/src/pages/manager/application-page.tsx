/**
 * The manager fills the application: the package's form in steps (one per
 * top-level section), computed values and charter rules updated live beside
 * it, autosave, attachments, then a last step that checks everything and
 * submits. A field's errors show once it has been changed and left (tabbing
 * through a form does not fill it with red), and all of them on the last step.
 */
import { useMemo, useRef, useState, type CSSProperties } from "react";
import { Link, useLocation } from "wouter";
import { useApi, useVersion } from "../../api/hooks";
import { api, idempotencyKey } from "../../api/http";
import type { Attachment, Dossier, FieldError, ProcedureDetail } from "../../api/types";
import { ComputedPanel } from "../../components/computed-panel";
import { Loading } from "../../components/loading";
import { ProblemAlert } from "../../components/problem-alert";
import { RulesPanel } from "../../components/rules-panel";
import { pointerToId, toErrorSchema, topLevel } from "../../forms/ids";
import { readableMessage } from "../../forms/messages";
import { prepareUi } from "../../forms/prepare-ui";
import { formSections } from "../../forms/sections";
import { DsfrForm } from "../../forms/theme";
import { transformErrors, useValidator } from "../../forms/validator";
import { dossierName } from "../../procedure-text";
import { LastStep } from "./last-step";
import { SaveIndicator } from "./save-indicator";
import { StepNav } from "./step-nav";
import { useDraft } from "./use-draft";

const HIDDEN = { "ui:field": "hidden" };
const fields = { hidden: () => null };

export default function ApplicationPage({ id }: { id: string }) {
  const dossier = useApi<Dossier>(`/api/dossiers/${id}`);
  const { procedure, error } = useVersion(dossier.data?.versionId);
  const attachments = useApi<{ items: Attachment[] }>(`/api/dossiers/${id}/attachments`);
  if (dossier.error || error) return <ProblemAlert error={dossier.error ?? error} />;
  if (!dossier.data || !procedure || !attachments.data) return <Loading />;
  if (!dossier.data.dataEditable) {
    return (
      <div className="fr-alert fr-alert--info">
        <h1 className="fr-alert__title">Cette candidature n'est plus modifiable</h1>
        <p>Son état actuel (« {dossier.data.stateLabel} ») ne permet plus de modifier les données. <Link href={`/dossiers/${id}`}>Voir le dossier</Link></p>
      </div>
    );
  }
  return <Editor dossier={dossier.data} procedure={procedure} attachments={attachments.data.items} />;
}

function Editor({ dossier, procedure, attachments: initialAttachments }: { dossier: Dossier; procedure: ProcedureDetail; attachments: Attachment[] }) {
  const form = procedure.forms[procedure.applicationForm]!;
  const draft = useDraft(dossier);
  const { validator, error: validatorError } = useValidator(dossier.versionId, procedure.applicationForm, form.schema);
  const [, navigate] = useLocation();
  const sections = useMemo(() => formSections(form.schema, form.uiSchema), [form]);
  const [step, setStep] = useState(0);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const changed = useRef(new Set<string>());
  const [attachments, setAttachments] = useState(() => Object.fromEntries(initialAttachments.map((a) => [a.id, a])));
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const last = step === sections.length;
  const active = sections[step]?.name;
  const errors = useMemo(() => draft.evaluation.errors.map(readableMessage), [draft.evaluation.errors]);

  const preparedUi = useMemo(() => prepareUi(form.schema, form.uiSchema), [form]);
  const ui = useMemo(() => ({
    ...preparedUi,
    ...Object.fromEntries(sections.filter((s) => s.name !== active).map((s) => [s.name, HIDDEN])),
    "ui:submitButtonOptions": { norender: true },
  }), [preparedUi, sections, active]);
  // Errors of the fields already left; only from an evaluation of the current data, so that no stale
  // error flashes (and moves the page) when a field is left before the server has seen its new value.
  const lastShown = useRef<FieldError[]>([]);
  const shown = useMemo(() => {
    if (!draft.fresh) return lastShown.current;
    return (lastShown.current = errors.filter((e) => last || [...touched].some((t) => pointerToId(e.pointer) === t || pointerToId(e.pointer).startsWith(`${t}_`))));
  }, [errors, draft.fresh, touched, last]);
  const extraErrors = useMemo(() => toErrorSchema(shown), [shown]);
  const errorsBySection = useMemo(() => {
    const counts: Record<string, number> = {};
    for (const e of errors) counts[topLevel(e.pointer)] = (counts[topLevel(e.pointer)] ?? 0) + 1;
    return counts;
  }, [errors]);
  const context = useMemo(() => ({
    hideSectionTitles: true,
    attachments,
    upload: async (file: File) => {
      const saved = await draft.upload(file);
      setAttachments((all) => ({ ...all, [saved.id]: saved }));
      return saved;
    },
  }), [attachments, draft.upload]);

  function goTo(index: number) {
    void draft.save().catch(() => undefined);
    setStep(index);
    requestAnimationFrame(() => heading.current?.focus());
  }

  async function submit() {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const expectedVersion = await draft.flush();
      await api("POST", `/api/dossiers/${dossier.id}/submit`, { expectedVersion }, { "Idempotency-Key": idempotencyKey() });
      navigate(`/dossiers/${dossier.id}/recepisse`);
    } catch (e) {
      setSubmitError(e);
      setSubmitting(false);
    }
  }

  const title = last ? "Vérification et dépôt" : sections[step]!.title;
  // The DSFR's stepper bar is drawn for at most 8 steps from its data attributes; its variables draw any number.
  const bar = { "--steps": sections.length + 1, "--current-step": step + 1 } as CSSProperties;
  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li><Link className="fr-breadcrumb__link" href="/">Mes dossiers</Link></li>
          <li><Link className="fr-breadcrumb__link" href={`/dossiers/${dossier.id}`}>{dossierName(dossier, procedure)}</Link></li>
          <li><a className="fr-breadcrumb__link" aria-current="page">Candidature</a></li>
        </ol>
      </nav>
      <h1 className="fr-h2">{form.title}</h1>
      <p className="fr-text--sm">{procedure.title}. Les champs marqués d'un astérisque (*) sont obligatoires. Votre saisie est enregistrée automatiquement.</p>
      <SaveIndicator status={draft.status} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4 fr-col-lg-3">
          <StepNav sections={sections} current={step} errors={errorsBySection} onSelect={goTo} />
        </div>
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <div className="fr-stepper">
            <h2 className="fr-stepper__title" ref={heading} tabIndex={-1}>
              {title}
              <span className="fr-stepper__state">Étape {step + 1} sur {sections.length + 1}</span>
            </h2>
            <div className="fr-stepper__steps" data-fr-current-step={step + 1} data-fr-steps={sections.length + 1} style={bar} />
            {!last ? <p className="fr-stepper__details"><span className="fr-text--bold">Étape suivante :</span> {sections[step + 1]?.title ?? "Vérification et dépôt"}</p> : null}
          </div>
          {last ? (
            <LastStep
              schema={form.schema} sections={sections} errors={errors} rules={draft.evaluation.rules} submitError={submitError} submitting={submitting}
              onGoTo={(index) => setStep(index)} onSubmit={() => void submit()}
            />
          ) : !validator ? (
            validatorError ? <ProblemAlert error={validatorError} headingLevel={3} /> : <Loading label="Préparation du formulaire…" />
          ) : (
            // noValidate: Enter in a field validates nothing (the server's evaluation gives the errors, the buttons move the steps).
            <DsfrForm
              schema={form.schema} uiSchema={ui} formData={draft.data} validator={validator} fields={fields} formContext={context}
              extraErrors={extraErrors} transformErrors={transformErrors} noHtml5Validate noValidate showErrorList={false} idPrefix="root"
              onChange={(e, fieldId) => { if (fieldId) changed.current.add(fieldId); draft.change(e.formData as Record<string, unknown>); }}
              onBlur={(fieldId) => { if (changed.current.has(fieldId)) setTouched((t) => (t.has(fieldId) ? t : new Set(t).add(fieldId))); }}
            >
              <></>
            </DsfrForm>
          )}
          <ul className="fr-btns-group fr-btns-group--inline fr-mt-3w">
            {step > 0 ? <li><button type="button" className="fr-btn fr-btn--secondary" onClick={() => goTo(step - 1)}>Étape précédente</button></li> : null}
            {!last ? <li><button type="button" className="fr-btn" onClick={() => goTo(step + 1)}>Étape suivante</button></li> : null}
          </ul>
        </div>
        <aside className="fr-col-12 fr-col-lg-3" aria-label="Calculs et règles en direct">
          <ComputedPanel defs={procedure.computed} values={draft.evaluation.computed} title="Calculs en direct" compact />
          {!last ? <RulesPanel rules={draft.evaluation.rules} /> : null}
        </aside>
      </div>
    </>
  );
}
