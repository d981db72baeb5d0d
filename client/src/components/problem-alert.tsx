/**
 * A refused request shown as a DSFR alert: the server's French title, detail
 * and reasons. Its title is a heading one level below the section it sits in.
 * With `autoFocus` it takes the focus when it appears (the button pressed was
 * disabled while the request ran, and the focus went with it).
 */
import { useEffect, useRef } from "react";
import { ApiError } from "../api/http";

type Props = { error: unknown; onClose?: () => void; headingLevel?: 2 | 3 | 4 | 5; autoFocus?: boolean };

export function ProblemAlert({ error, onClose, headingLevel = 2, autoFocus = false }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && autoFocus) ref.current?.focus();
  }, [error, autoFocus]);
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : { title: "Erreur inattendue", detail: error instanceof Error ? error.message : String(error), status: 0 };
  const reasons = (problem as { reasons?: Array<{ message: string }> }).reasons ?? [];
  const fields = problem.errors ?? [];
  const Title = `h${headingLevel}` as "h2";
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role={autoFocus ? undefined : "alert"} ref={ref} tabIndex={autoFocus ? -1 : undefined}>
      <Title className="fr-alert__title">{problem.title}</Title>
      {problem.detail ? <p>{problem.detail}</p> : null}
      {reasons.length + fields.length > 0 ? (
        <ul>
          {reasons.map((r, i) => <li key={`r${i}`}>{r.message}</li>)}
          {fields.map((f, i) => <li key={`f${i}`}>{f.file ? `${f.file} › ` : ""}{f.pointer && f.pointer !== "/" ? `${f.pointer} : ` : ""}{f.message}</li>)}
        </ul>
      ) : null}
      {onClose ? <button type="button" className="fr-btn--close fr-btn" title="Masquer le message" onClick={onClose}>Masquer le message</button> : null}
    </div>
  );
}
