/**
 * The error summary at the top of a form: a DSFR alert that takes the focus
 * and lists each error as a link to its field.
 */
import { useEffect, useRef } from "react";
import { pointerToId } from "../forms/ids";

export type SummaryError = { pointer: string; message: string; label?: string | undefined };

export function ErrorSummary({ errors, title = "Le formulaire contient des erreurs", onGoTo, idPrefix }: { errors: SummaryError[]; title?: string; onGoTo?: (pointer: string) => void; idPrefix?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const count = errors.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${idPrefix ?? "form"}-error-summary`}>
      <h2 className="fr-alert__title" id={`${idPrefix ?? "form"}-error-summary`}>{title} ({count})</h2>
      <ul className="fr-mt-1w">
        {errors.map((e, i) => (
          <li key={i}>
            <a
              href={`#${pointerToId(e.pointer, idPrefix)}`}
              onClick={(event) => {
                event.preventDefault();
                onGoTo?.(e.pointer);
                requestAnimationFrame(() => focusField(e.pointer, idPrefix));
              }}
            >
              {e.label ? `${e.label} : ` : ""}{e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Focuses a field by its pointer: the control itself, or the first control of its group. */
export function focusField(pointer: string, idPrefix?: string): void {
  const id = pointerToId(pointer, idPrefix);
  const target = document.getElementById(id) ?? document.getElementById(`${id}-0`) ?? document.getElementById(`${id}__fieldset`);
  const focusable = target?.matches("input,select,textarea,button,[tabindex]") ? target : target?.querySelector<HTMLElement>("input,select,textarea,button");
  (focusable ?? target)?.focus();
  target?.scrollIntoView({ block: "center" });
}
