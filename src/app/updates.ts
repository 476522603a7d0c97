import { useSyncExternalStore } from 'react';

/**
 * A new version of the site, installed by the service worker and waiting: the App offers it until the
 * person accepts (the page reloads into it) or puts it off. Until then the old version keeps running
 * from its own cache, so a page never mixes files of two versions.
 */
let pending: { apply: () => void } | null = null;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

export function offerUpdate(apply: () => void): void {
  pending = { apply };
  changed();
}

export function dismissUpdate(): void {
  pending = null;
  changed();
}

export function useUpdateOffer(): { apply: () => void } | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pending,
  );
}
