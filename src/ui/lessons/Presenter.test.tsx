// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PointerSpot, PresenterTools, SpeakerNotes, usePresenter } from './Presenter';

afterEach(cleanup);

const ctx = { term: () => undefined, figure: () => null, cite: () => undefined };

/** The presenter's pieces as the lesson page composes them, with the mode held here (as the app holds it). */
function Harness({
  initial = false,
  notes = 'Ask the room first.',
}: {
  initial?: boolean;
  notes?: string | null;
}) {
  const [on, setOn] = useState(initial);
  const p = usePresenter(on, setOn);
  return (
    <main data-presenting={on}>
      <input aria-label="A field" />
      {on && p.notes && <SpeakerNotes text={notes} ctx={ctx} />}
      <PresenterTools presenting={on} onPresenting={setOn} state={p} hasNotes={!!notes} />
      {on && p.pointer && <PointerSpot />}
    </main>
  );
}

const presenting = () => document.querySelector('main')!.getAttribute('data-presenting');
const key = (k: string, target: Element | Window = window) =>
  act(() => void fireEvent.keyDown(target === window ? document.body : (target as Element), { key: k }));

describe('presenter mode', () => {
  it('toggles by its button and by "p"; Escape leaves it; the site chrome is hidden meanwhile', () => {
    render(<Harness />);
    expect(presenting()).toBe('false');
    expect(screen.queryByTestId('notes-toggle')).toBeNull();
    fireEvent.click(screen.getByTestId('presenter-toggle'));
    expect(presenting()).toBe('true');
    expect(screen.getByTestId('presenter-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(document.body.classList.contains('lesson-presenting')).toBe(true);
    key('Escape');
    expect(presenting()).toBe('false');
    expect(document.body.classList.contains('lesson-presenting')).toBe(false);
    key('p');
    expect(presenting()).toBe('true');
    key('P');
    expect(presenting()).toBe('false');
    // Escape outside presenter mode does nothing to it.
    key('Escape');
    expect(presenting()).toBe('false');
  });

  it('leaves keys typed into a field alone', () => {
    render(<Harness />);
    key('p', screen.getByLabelText('A field'));
    expect(presenting()).toBe('false');
  });

  it('shows speaker notes on a toggle ("n"), and says when a step has none', () => {
    const { unmount } = render(<Harness initial />);
    expect(screen.getByTestId('speaker-notes').textContent).toBe('Speaker notesAsk the room first.');
    key('n');
    expect(screen.queryByTestId('speaker-notes')).toBeNull();
    expect(screen.getByTestId('notes-toggle').getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(screen.getByTestId('notes-toggle'));
    expect(screen.getByTestId('speaker-notes')).toBeTruthy();
    unmount();
    render(<Harness initial notes={null} />);
    expect(screen.getByTestId('speaker-notes').textContent).toContain('No notes for this step.');
  });

  it('a pointer spot follows the mouse when switched on ("l")', () => {
    render(<Harness initial />);
    expect(screen.queryByTestId('pointer-spot')).toBeNull();
    key('l');
    const spot = screen.getByTestId('pointer-spot');
    expect(spot.hidden).toBe(true); // until the mouse moves
    act(
      () => void window.dispatchEvent(Object.assign(new Event('pointermove'), { clientX: 120, clientY: 80 })),
    );
    expect(spot.hidden).toBe(false);
    expect(spot.style.transform).toBe('translate(120px, 80px)');
    key('l');
    expect(screen.queryByTestId('pointer-spot')).toBeNull();
  });
});
