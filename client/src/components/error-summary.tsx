/**
 * The error summary at the top of a form: a DSFR alert listing each error as
 * a link to its field. It takes the focus when it appears or its count
 * changes (after a submission), unless `autoFocus` is off (a page that shows
 * it on arrival and moves the focus itself).
 */
import { useEffect, useRef } from "react";
import { pointerToId } from "../forms/ids";

export type SummaryError = { pointer: string; message: string; label?: string | undefined };

type Props = { errors: SummaryError[]; title?: string; onGoTo?: (pointer: string) => void; idPrefix?: string; headingLevel?: 2 | 3 | 4 | 5; autoFocus?: boolean };

export function ErrorSummary({ errors, title = "Le formulaire contient des erreurs", onGoTo, idPrefix, headingLevel = 2, autoFocus = true }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const count = errors.length;
  useEffect(() => {
    if (count > 0 && autoFocus) ref.current?.focus();
  }, [count, autoFocus]);
  if (count === 0) return null;
  const Title = `h${headingLevel}` as "h2";
  const titleId = `${idPrefix ?? "form"}-error-summary`;
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role={autoFocus ? "alert" : undefined} tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <Title className="fr-alert__title" id={titleId}>{title} ({count})</Title>
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

const CONTROLS = "input:not([type=hidden]):not([disabled]),select:not([disabled]),textarea:not([disabled])";

/**
 * Focuses a field by its pointer: the control itself, the first choice of its
 * group, or — for a block reported as a whole — its first control; a list
 * (e.g. too few items) takes the focus itself, its add button follows.
 */
export function focusField(pointer: string, idPrefix?: string): void {
  const id = pointerToId(pointer, idPrefix);
  const exact = document.getElementById(id) ?? document.getElementById(`${id}-0`) ?? document.getElementById(`${id}__fieldset`);
  const inside = `[id^="${CSS.escape(`${id}_`)}"]`;
  const target = exact ?? document.querySelector<HTMLElement>(`:is(input,select,textarea)${inside}`);
  if (!target) return;
  const focusable = target.matches(`${CONTROLS},button,[tabindex]`) ? target : target.querySelector<HTMLElement>(CONTROLS);
  (focusable ?? target).focus();
  target.scrollIntoView({ block: "center" });
}
