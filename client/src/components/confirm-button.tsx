/**
 * A button whose action needs a confirmation: pressed, it shows the question
 * in place with « Confirmer » and « Annuler » (the focus goes to the
 * question); cancelled, the focus returns to the button.
 */
import { useEffect, useId, useRef, useState } from "react";

type Props = { label: string; question: string; confirmLabel: string; onConfirm: () => Promise<unknown>; className?: string; disabled?: boolean };

export function ConfirmButton({ label, question, confirmLabel, onConfirm, className = "fr-btn fr-btn--sm fr-btn--secondary", disabled }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const questionRef = useRef<HTMLParagraphElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) questionRef.current?.focus();
    else if (wasOpen.current) buttonRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  if (!open) return <button ref={buttonRef} type="button" className={className} disabled={disabled} onClick={() => setOpen(true)}>{label}</button>;
  return (
    <div role="group" aria-labelledby={id} className="guichet-confirm">
      <p id={id} ref={questionRef} tabIndex={-1} className="fr-text--sm fr-text--bold fr-mb-1w">{question}</p>
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        <li>
          <button type="button" className="fr-btn" disabled={busy} onClick={() => {
            setBusy(true);
            void onConfirm().finally(() => { setBusy(false); setOpen(false); });
          }}>{busy ? "Un instant…" : confirmLabel}</button>
        </li>
        <li><button type="button" className="fr-btn fr-btn--secondary" disabled={busy} onClick={() => setOpen(false)}>Annuler</button></li>
      </ul>
    </div>
  );
}
