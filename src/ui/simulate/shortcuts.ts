import type { PlaybackEvent } from '../../machines/simulate/playback';

/** The keyboard shortcuts, one list for the handler and the shortcut sheet. */
export const SHORTCUTS: {
  keys: string[];
  label: string;
  event?: PlaybackEvent;
  action?: 'sheet' | 'camera' | 'presentation';
}[] = [
  { keys: ['Space'], label: 'Play / pause', event: { type: 'TOGGLE' } },
  { keys: ['→', '.'], label: 'Step to the next event', event: { type: 'STEP' } },
  { keys: ['←', ','], label: 'Step back to the previous event', event: { type: 'STEP_BACK' } },
  { keys: ['↑', ']'], label: 'Faster (less slow-down)', event: { type: 'FASTER' } },
  { keys: ['↓', '['], label: 'Slower (more slow-down)', event: { type: 'SLOWER' } },
  { keys: ['Home'], label: 'Restart from the beginning', event: { type: 'RESTART' } },
  { keys: ['p'], label: 'Presentation mode on / off (big scene for a projector)', action: 'presentation' },
  { keys: ['?'], label: 'Show this sheet', action: 'sheet' },
];

export type ShortcutAction = PlaybackEvent | 'sheet' | 'presentation';

const KEY_MAP: Record<string, ShortcutAction> = {
  ' ': { type: 'TOGGLE' },
  ArrowRight: { type: 'STEP' },
  '.': { type: 'STEP' },
  ArrowLeft: { type: 'STEP_BACK' },
  ',': { type: 'STEP_BACK' },
  ArrowUp: { type: 'FASTER' },
  ']': { type: 'FASTER' },
  ArrowDown: { type: 'SLOWER' },
  '[': { type: 'SLOWER' },
  Home: { type: 'RESTART' },
  '?': 'sheet',
  p: 'presentation',
  P: 'presentation',
};

/**
 * What a key press means, or null to leave it alone: typing in form fields keeps its keys, and Space
 * on a button or link keeps its native meaning (activate it).
 */
export function shortcutFor(
  key: string,
  target: { tagName?: string; isContentEditable?: boolean } | null,
  mods: { ctrl: boolean; alt: boolean; meta: boolean },
): ShortcutAction | null {
  if (mods.ctrl || mods.alt || mods.meta) return null;
  const tag = (target?.tagName ?? '').toUpperCase();
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || target?.isContentEditable) return null;
  if (key === ' ' && (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY')) return null;
  return KEY_MAP[key] ?? null;
}

/**
 * A key pressed on a closed drop-down: arrows and the other shortcut keys would change its choice
 * silently (an arrow switching the architecture), so the page takes them as shortcuts and gives the
 * page its focus back; Escape only gives focus back. Space and Enter still open the list, letters
 * that are not shortcuts still pick options by their first letter.
 */
export function dropDownKey(
  key: string,
  mods: { ctrl: boolean; alt: boolean; meta: boolean },
): ShortcutAction | 'leave' | null {
  if (mods.ctrl || mods.alt || mods.meta) return null;
  if (key === 'Escape') return 'leave';
  if (key === ' ' || key === 'Enter') return null;
  return KEY_MAP[key] ?? null;
}
