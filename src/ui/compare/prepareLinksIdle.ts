import { prepareShortLinks } from '../../model/shortLink';

export type Idle = (run: () => void) => () => void;

/** The browser's idle callback where it has one (not Safari), else a timeout. */
export const onIdle: Idle = (run) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 2_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 50);
  return () => clearTimeout(id);
};

/**
 * Prepares the presets the share link is compared with, one per idle moment, so the first link the page
 * encodes (opening a preset, a link) parses none on the way; `ready` is told when all are. Returns a
 * stop for unmounting.
 */
export function prepareLinksWhenIdle(idle: Idle = onIdle, ready?: () => void): () => void {
  let cancel: (() => void) | undefined;
  const next = () => {
    if (prepareShortLinks()) {
      cancel = undefined;
      ready?.();
    } else cancel = idle(next);
  };
  cancel = idle(next);
  return () => cancel?.();
}
