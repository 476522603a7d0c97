import { useSyncExternalStore } from 'react';
import type { WorkerLostError } from '../model/errors';

/**
 * What the app tells the person about its workers: the last time one stopped answering (or crashed)
 * and was replaced. Every worker client the app makes reports here; the App shows it above the page.
 */
let current: { id: number; text: string } | null = null;
let seq = 0;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

export function reportWorkerLost(e: WorkerLostError): void {
  current = { id: ++seq, text: e.message };
  changed();
}

export function dismissWorkerNotice(): void {
  current = null;
  changed();
}

export function useWorkerNotice(): { id: number; text: string } | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
