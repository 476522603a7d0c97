import type { Timeline } from './playback';
import type { TraceBuffer } from './buffer';

/** The playback machine's view of a trace buffer. */
export function timelineOf(b: TraceBuffer): Timeline {
  return {
    coveredUntil: () => (b.done ? b.endTime : b.coverEnd),
    nextEventAfter: (t) => b.nextEventAfter(t),
    prevEventBefore: (t) => b.prevEventBefore(t),
    idleAt: (t) => b.idleAt(t),
    endTime: () => b.endTime,
  };
}
