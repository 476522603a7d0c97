import { useEffect } from 'react';
import type { PlaybackActor } from '../../machines/simulate/playback';
import { dropDownKey, shortcutFor } from './shortcuts';

/**
 * The page's keyboard shortcuts (shortcuts.ts), on the window: playback keys go to the actor, '?'
 * opens the sheet, 'p' toggles presentation. On a closed drop-down the shortcut keys are the page's
 * and give it its focus back. Used by the Simulate and side-by-side pages.
 */
export function KeyboardShortcuts({
  actor,
  onSheet,
  onPresentation,
}: {
  actor: PlaybackActor | null;
  onSheet: () => void;
  onPresentation?: () => void;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest?.('dialog[open]')) return;
      const mods = { ctrl: e.ctrlKey, alt: e.altKey, meta: e.metaKey };
      const onDropDown = target?.tagName === 'SELECT' && !(target as HTMLSelectElement).multiple;
      const action = onDropDown ? dropDownKey(e.key, mods) : shortcutFor(e.key, target, mods);
      if (!action) return;
      e.preventDefault();
      if (onDropDown) target!.blur(); // the page has the keys again
      if (action === 'leave') return;
      if (action === 'sheet') onSheet();
      else if (action === 'presentation') onPresentation?.();
      else actor?.send(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actor, onSheet, onPresentation]);
  return null;
}
