/**
 * The actions open now to the signed-in person, generated from the
 * machine: each with its input form (validated in the browser, then by the
 * server), or a confirmation when it has none. A form starts from the
 * values the procedure prefills; its files are attached to the dossier as
 * soon as chosen. The dossier's version goes with each action (attaching a
 * file moves it on), so a change made meanwhile by someone else is refused
 * and said, never silently overwritten. Closing a form puts the focus back
 * on the button that opened it.
 */
import { useEffect, useMemo, useState } from "react";
import { api, ApiError, idempotencyKey } from "../../api/http";
import type { Attachment, Dossier, OpenAction } from "../../api/types";
import { ProblemAlert } from "../../components/problem-alert";
import { prepareUi } from "../../forms/prepare-ui";
import { DsfrForm } from "../../forms/theme";
import { transformErrors, useValidator } from "../../forms/validator";
import { Loading } from "../../components/loading";
import type { FileContext } from "../../forms/theme/file-widget";

type Props = { dossierId: string; versionId: string; version: number; actions: OpenAction[]; skip?: string[]; attachments?: Record<string, Attachment>; onDone(label: string): void; onConflict(): void };

export function ActionsPanel({ dossierId, versionId, version, actions, skip = [], attachments = {}, onDone, onConflict }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState(version);
  const [uploaded, setUploaded] = useState<Record<string, Attachment>>({});
  useEffect(() => setCurrent(version), [version]);
  const fileContext = useMemo<FileContext>(() => ({
    attachments: { ...attachments, ...uploaded },
    async upload(file: File) {
      const form = new FormData();
      form.set("file", file);
      const saved = await api<Attachment>("POST", `/api/dossiers/${dossierId}/attachments`, form);
      setCurrent((await api<Dossier>("GET", `/api/dossiers/${dossierId}`)).version);
      setUploaded((all) => ({ ...all, [saved.id]: saved }));
      return saved;
    },
  }), [attachments, uploaded, dossierId]);
  const visible = actions.filter((a) => !skip.includes(a.event));
  if (visible.length === 0) return <p>Aucune action ne vous est ouverte dans l'état actuel du dossier.</p>;

  function close(event: string) {
    setOpen(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`button[aria-controls="action-${CSS.escape(event)}"]`)?.focus());
  }

  async function send(action: OpenAction, input: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      await api("POST", `/api/dossiers/${dossierId}/transitions`, { event: action.event, input, expectedVersion: current }, { "Idempotency-Key": idempotencyKey() });
      setOpen(null);
      onDone(action.label);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onConflict();
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <ProblemAlert error={error} onClose={() => setError(null)} headingLevel={3} autoFocus />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {visible.map((a) => (
          <li key={a.event}>
            <button
              type="button" className={`fr-btn${open === a.event ? "" : " fr-btn--secondary"}`} aria-expanded={open === a.event} aria-controls={`action-${a.event}`}
              disabled={busy || (!a.available && !a.form)} onClick={() => { setError(null); setOpen(open === a.event ? null : a.event); }}
            >
              {a.label}
            </button>
          </li>
        ))}
      </ul>
      {visible.filter((a) => !a.available && a.reasons.length > 0).map((a) => (
        <div key={a.event} className="fr-alert fr-alert--info fr-mb-2w">
          <h3 className="fr-alert__title">« {a.label} » : conditions non remplies à ce jour{a.form ? " (votre saisie peut les remplir)" : ""}</h3>
          <ul>{a.reasons.map((r, i) => <li key={i}>{r.message}</li>)}</ul>
        </div>
      ))}
      {visible.filter((a) => a.event === open).map((a) => <ActionForm key={a.event} versionId={versionId} action={a} busy={busy} fileContext={fileContext} onSend={(input) => void send(a, input)} onCancel={() => close(a.event)} />)}
    </div>
  );
}

function ActionForm({ versionId, action, busy, fileContext, onSend, onCancel }: { versionId: string; action: OpenAction; busy: boolean; fileContext?: FileContext | undefined; onSend(input: Record<string, unknown>): void; onCancel(): void }) {
  const { validator, error } = useValidator(versionId, action.form?.id, action.form?.schema);
  const ui = useMemo(() => (action.form ? { ...prepareUi(action.form.schema, action.form.uiSchema), "ui:submitButtonOptions": { submitText: action.label } } : {}), [action]);
  return (
    <section id={`action-${action.event}`} className="fr-card fr-p-3w fr-mb-3w" aria-labelledby={`action-${action.event}-title`}>
      <h3 className="fr-h5" id={`action-${action.event}-title`}>{action.form?.title ?? action.label}</h3>
      {action.form && !validator ? (error ? <ProblemAlert error={error} headingLevel={4} /> : <Loading />) : action.form && validator ? (
        <DsfrForm
          schema={action.form.schema} uiSchema={ui} validator={validator} formContext={{ ...fileContext, hideSectionTitles: false, headingLevel: 4 }} idPrefix={`action_${action.event}`}
          transformErrors={transformErrors} noHtml5Validate showErrorList="top" disabled={busy} formData={action.prefill ?? undefined}
          onSubmit={(e) => onSend((e.formData ?? {}) as Record<string, unknown>)}
        >
          <ul className="fr-btns-group fr-btns-group--inline fr-mt-2w">
            <li><button type="submit" className="fr-btn" disabled={busy}>{busy ? "Envoi…" : action.label}</button></li>
            <li><button type="button" className="fr-btn fr-btn--tertiary" onClick={onCancel}>Annuler</button></li>
          </ul>
        </DsfrForm>
      ) : (
        <>
          <p>Confirmez-vous : « {action.label} » ? Cette action est enregistrée dans l'historique du dossier.</p>
          <ul className="fr-btns-group fr-btns-group--inline">
            <li><button type="button" className="fr-btn" disabled={busy} onClick={() => onSend({})}>Confirmer</button></li>
            <li><button type="button" className="fr-btn fr-btn--tertiary" onClick={onCancel}>Annuler</button></li>
          </ul>
        </>
      )}
    </section>
  );
}
