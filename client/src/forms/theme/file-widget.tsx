/**
 * A file field (format "attachment"): the file is sent to the dossier's
 * attachments as soon as it is chosen, and the field keeps its identifier.
 * The form context gives the upload function and the known attachments.
 */
import type { WidgetProps } from "@rjsf/utils";
import { useState } from "react";
import { ApiError } from "../../api/http";
import type { Attachment } from "../../api/types";
import { formatSize } from "../../format";
import { describedBy, hasErrors } from "./described-by";

export type FileContext = { upload?: (file: File) => Promise<Attachment>; attachments?: Record<string, Attachment> };

export function FileWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, onBlur, options, registry } = props;
  const context = (registry.formContext ?? {}) as FileContext;
  const [status, setStatus] = useState<{ busy: boolean; error?: string; name?: string }>({ busy: false });
  const current = typeof value === "string" ? context.attachments?.[value] : undefined;
  const accept = typeof options.accept === "string" ? options.accept : undefined;

  async function choose(file: File | undefined) {
    if (!file || !context.upload) return;
    setStatus({ busy: true, name: file.name });
    try {
      const saved = await context.upload(file);
      setStatus({ busy: false, name: saved.file_name });
      onChange(saved.id);
    } catch (error) {
      setStatus({ busy: false, error: error instanceof ApiError ? error.message : "L'envoi du fichier a échoué." });
    }
  }

  // The field template gives the "fr-upload-group" frame, its label and hint (limit and formats).
  return (
    <>
      <input
        className="fr-upload" type="file" id={id} name={id} accept={accept} disabled={disabled || readonly || !context.upload}
        aria-describedby={[...new Set([`${id}__hint`, ...(describedBy(props) ?? "").split(" "), `${id}__status`])].filter(Boolean).join(" ")}
        aria-invalid={hasErrors(props.rawErrors) || undefined}
        onChange={(e) => void choose(e.target.files?.[0])} onBlur={() => onBlur(id, value)}
      />
      <p id={`${id}__status`} className="fr-hint-text fr-mt-1w" aria-live="polite">
        {status.busy ? `Envoi de « ${status.name} »…` : status.error ? <span className="fr-error-text">{status.error}</span>
          : current ? <>Fichier joint : <a href={`/api/attachments/${current.id}`} download>{current.file_name}</a> ({formatSize(current.size)})</>
          : typeof value === "string" ? <>Fichier joint ({status.name ?? value})</> : "Aucun fichier joint."}
      </p>
    </>
  );
}
