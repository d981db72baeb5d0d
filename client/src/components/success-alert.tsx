/**
 * A DSFR success alert that takes the focus when it appears (after a
 * submission the button pressed may have gone), so that screen readers and
 * keyboard users land on what happened.
 */
import { useEffect, useRef, type ReactNode } from "react";

type Props = { title: string; children?: ReactNode; headingLevel?: 2 | 3 | 4; autoFocus?: boolean };

export function SuccessAlert({ title, children, headingLevel = 2, autoFocus = true }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { if (autoFocus) ref.current?.focus(); }, [autoFocus, title]);
  const Title = `h${headingLevel}` as "h2";
  return (
    <div className="fr-alert fr-alert--success fr-mb-3w" tabIndex={-1} ref={ref}>
      <Title className="fr-alert__title">{title}</Title>
      {children}
    </div>
  );
}
