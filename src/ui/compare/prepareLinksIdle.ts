import { prepareShortLinks } from '../../model/shortLink';

type Idle = (run: () => void) => () => void;

/** The browser's idle callback where it has one (not Safari), else a timeout. */
const onIdle: Idle = (run) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 2_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 50);
  return () => clearTimeout(id);
};

/**
 * Prepares the presets the share link is compared with, one per idle moment, so the first link the page
 * encodes (opening a preset, a link) parses none on the way. Returns a stop for unmounting.
 */
export function prepareLinksWhenIdle(idle: Idle = onIdle): () => void {
  let cancel: (() => void) | undefined;
  const next = () => {
    cancel = prepareShortLinks() ? undefined : idle(next);
  };
  cancel = idle(next);
  return () => cancel?.();
}
