/** A refused request shown as a DSFR alert: the server's French title, detail and reasons. */
import { ApiError } from "../api/http";

export function ProblemAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : { title: "Erreur inattendue", detail: error instanceof Error ? error.message : String(error), status: 0 };
  const reasons = (problem as { reasons?: Array<{ message: string }> }).reasons ?? [];
  const fields = problem.errors ?? [];
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h3 className="fr-alert__title">{problem.title}</h3>
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
