import { useEffect, useRef, useState } from 'preact/hooks';

interface ConfirmButtonProps {
  /** The button's text, e.g. "Zurückziehen". */
  label: string;
  /** The question asked before acting, e.g. "PIN wirklich zurückziehen?". */
  question: string;
  /** The confirming button's text, e.g. "Ja, zurückziehen". */
  confirmLabel: string;
  onConfirm: () => unknown;
  disabled?: boolean;
}

/**
 * A button for an action that cannot be undone: the first press asks in place (focus moves to
 * the confirming button, Escape or "Abbrechen" goes back), only the second acts.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const close = () => {
    setAsking(false);
    // Back where the person was, once the opener is rendered again.
    setTimeout(() => openerRef.current?.focus());
  };

  if (!asking)
    return (
      <button type="button" ref={openerRef} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <span class="confirm" role="group" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <span>{question}</span>{' '}
      <button
        type="button"
        class="danger"
        ref={confirmRef}
        onClick={() => {
          setAsking(false);
          void onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" onClick={close}>
        Abbrechen
      </button>
    </span>
  );
}
