import type { TraceEvent } from './buffer';

/** What the person has picked in the scene, the event list or the path view; the inspector shows it. */
export type Selection =
  | { kind: 'event'; event: TraceEvent }
  | { kind: 'station'; index: number }
  | { kind: 'pod'; id: string }
  | { kind: 'node'; index: number }
  | null;

export const sameSelection = (a: Selection, b: Selection): boolean => {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'event':
      return a.event.key === (b as typeof a).event.key;
    case 'station':
      return a.index === (b as typeof a).index;
    case 'pod':
      return a.id === (b as typeof a).id;
    case 'node':
      return a.index === (b as typeof a).index;
  }
};
