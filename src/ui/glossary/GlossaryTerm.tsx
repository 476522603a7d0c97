import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { GlossaryEntry } from '../../model/glossary';
import { clippingBox, fitPopover, opensAbove } from './fitPopover';
import './glossary.css';
import type { TermId } from './terms';

/**
 * A glossary term: a button that opens the term's one-sentence definition in a popover right after
 * it (so Tab reaches its Close button next). Escape closes it and returns focus to the term; so does
 * a click elsewhere. Lessons pass the entry; other pages pass a term id (`Term`) and the glossary is
 * loaded when a popover first opens.
 */
export function GlossaryTerm({
  entry: given,
  term,
  label,
}: {
  entry?: GlossaryEntry;
  term?: string;
  label: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<GlossaryEntry | null | undefined>(given);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLSpanElement>(null);
  const entry = given ?? loaded;

  useEffect(() => {
    if (!open || entry || term === undefined) return;
    let live = true;
    import('./glossaryData').then(
      (m) => live && setLoaded(m.lookupTerm(term) ?? null),
      () => live && setLoaded(null),
    );
    return () => {
      live = false;
    };
  }, [open, entry, term]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!box.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  // Kept inside the column or window that would clip it (a narrow lesson column, a projector's 1024 px):
  // measured where it opens, then narrowed and moved left as needed, before it is painted.
  useLayoutEffect(() => {
    const el = box.current;
    if (!open || !el) return;
    el.style.left = '';
    el.style.width = '';
    el.classList.remove('above');
    const r = el.getBoundingClientRect();
    const clip = clippingBox(el);
    const fit = fitPopover({ left: r.left, right: r.right }, clip);
    if (fit.width !== null) el.style.width = `${fit.width}px`;
    if (fit.dx !== 0) el.style.left = `${fit.dx}px`;
    // Narrowed, it may be taller: measured again before choosing a side.
    const term = button.current?.getBoundingClientRect();
    if (term && opensAbove(el.getBoundingClientRect().height, term, clip)) el.classList.add('above');
  }, [open, entry]);

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
          aria-label={`Glossary: ${entry?.term ?? term ?? ''}`}
          className="glossary-popover"
          data-testid="glossary-popover"
        >
          {entry ? (
            <>
              <strong>{entry.term}</strong>: {entry.short}{' '}
            </>
          ) : (
            <span role="status">{entry === null ? 'Not in the glossary. ' : 'Loading the glossary… '}</span>
          )}
          <button type="button" className="glossary-close" onClick={close}>
            Close
          </button>
        </span>
      )}
    </span>
  );
}

/** A word on a page linked to its glossary entry (loaded on first use). */
export function Term({ id, children }: { id: TermId; children: ReactNode }) {
  return <GlossaryTerm term={id} label={children} />;
}

/** For views that cannot import the UI (the scene's legend): a glossary id and words → a linked term. */
export const termLink = (id: string, label: ReactNode) => <GlossaryTerm term={id} label={label} />;
