import { useEffect, useId, useRef, useState } from 'react';
import type { GlossaryEntry } from '../../model/glossary';

/**
 * A glossary term in a lesson's text: a button that opens the term's one-sentence definition in a
 * popover right after it (so Tab reaches its Close button next). Escape closes it and returns focus
 * to the term; so does a click elsewhere.
 */
export function GlossaryTerm({ entry, label }: { entry: GlossaryEntry; label: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!box.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <span
      className="glossary-term"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="glossary-button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      {open && (
        <span
          ref={box}
          id={id}
          role="dialog"
          aria-label={`Glossary: ${entry.term}`}
          className="glossary-popover"
          data-testid="glossary-popover"
        >
          <strong>{entry.term}</strong>: {entry.short}{' '}
          <button type="button" className="glossary-close" onClick={close}>
            Close
          </button>
        </span>
      )}
    </span>
  );
}
