import { useEffect, useRef, useState } from 'react';
import { LessonText, type TextContext } from './LessonText';
import { useBodyClass } from './useBodyClass';
import './presenter.css';

/**
 * Presenter mode of a lesson, for a projector at 1024×768: the narration, the picture and the current
 * hop together without scrolling, large type and high contrast, the site's navigation hidden
 * (presenter.css). Keys, besides the lesson's own (→ Page Down Space "." next, ← Page Up back): "p"
 * presenter mode on and off, Escape leaves it, "n" speaker notes, "l" a pointer spot following the
 * mouse. None of them acts while a form field has focus or a popover handles the key.
 */

export interface PresenterState {
  notes: boolean;
  pointer: boolean;
  toggleNotes(): void;
  togglePointer(): void;
}

/** Whether a key belongs to what has focus: typing in fields, or a dialog or popover open. */
function fieldKey(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t || !t.tagName) return false;
  const tag = t.tagName.toLowerCase();
  return tag === 'input' || tag === 'select' || tag === 'textarea' || t.isContentEditable;
}

export function usePresenter(presenting: boolean, onPresenting: (on: boolean) => void): PresenterState {
  const [notes, setNotes] = useState(true);
  const [pointer, setPointer] = useState(false);
  useBodyClass('lesson-presenting', presenting);
  // Read by the one key listener, so it is attached once.
  const live = useRef({ presenting, onPresenting });
  live.current = { presenting, onPresenting };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || fieldKey(e)) return;
      const { presenting: on, onPresenting: set } = live.current;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (key === 'p') set(!on);
      else if (key === 'Escape' && on) set(false);
      else if (key === 'n' && on) setNotes((x) => !x);
      else if (key === 'l' && on) setPointer((x) => !x);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return {
    notes,
    pointer,
    toggleNotes: () => setNotes((x) => !x),
    togglePointer: () => setPointer((x) => !x),
  };
}

/** The presenter's switches, in the lesson's control bar. */
export function PresenterTools({
  presenting,
  onPresenting,
  state,
  hasNotes,
}: {
  presenting: boolean;
  onPresenting: (on: boolean) => void;
  state: PresenterState;
  hasNotes: boolean;
}) {
  return (
    <span className="lesson-presenter-tools" role="group" aria-label="Presenter">
      <button
        type="button"
        aria-pressed={presenting}
        aria-keyshortcuts="P"
        onClick={() => onPresenting(!presenting)}
        data-testid="presenter-toggle"
      >
        {presenting ? 'Exit presenter' : 'Present'}
      </button>
      {presenting && (
        <>
          <button
            type="button"
            aria-pressed={state.notes}
            aria-keyshortcuts="N"
            onClick={state.toggleNotes}
            data-testid="notes-toggle"
            title={hasNotes ? undefined : 'This step has no speaker notes'}
          >
            Notes
          </button>
          <button
            type="button"
            aria-pressed={state.pointer}
            aria-keyshortcuts="L"
            onClick={state.togglePointer}
            data-testid="pointer-toggle"
          >
            Pointer
          </button>
        </>
      )}
    </span>
  );
}

/** The step's speaker notes (for the teacher; the class sees them too, so they stay short). */
export function SpeakerNotes({ text, ctx }: { text: string | null; ctx: TextContext }) {
  return (
    <aside className="lesson-notes" aria-label="Speaker notes" data-testid="speaker-notes">
      <p className="lesson-notes-title">Speaker notes</p>
      {text ? <LessonText text={text} ctx={ctx} /> : <p>No notes for this step.</p>}
    </aside>
  );
}

/** A large spot following the mouse, so the room sees where the presenter points. */
export function PointerSpot() {
  const spot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const move = (e: PointerEvent) => {
      const el = spot.current;
      if (!el) return;
      el.style.transform = `translate(${e.clientX}px, ${e.clientY}px)`;
      el.hidden = false;
    };
    window.addEventListener('pointermove', move, { passive: true });
    return () => window.removeEventListener('pointermove', move);
  }, []);
  // Hidden until the mouse first moves: no spot parked in a corner.
  return <div ref={spot} className="lesson-pointer" aria-hidden="true" data-testid="pointer-spot" hidden />;
}
