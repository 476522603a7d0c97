import { screenMs } from '../../model/ids';
import { fromCallback } from 'xstate';
import type { PlaybackEvent } from '../../machines/simulate/playback';

/**
 * The real clock for playback: one TICK per animation frame with the real time elapsed. A frame
 * longer than MAX_FRAME_MS (a hidden tab, a stalled GPU) counts as MAX_FRAME_MS, so playback never
 * leaps ahead; on such slow machines simulated time runs slower than the stated factor.
 */
export const MAX_FRAME_MS = 100;

export const rafTicker = fromCallback<PlaybackEvent>(({ sendBack }) => {
  let last = performance.now();
  let id = requestAnimationFrame(function loop(now) {
    const dt = Math.min(MAX_FRAME_MS, Math.max(0, now - last));
    last = now;
    sendBack({ type: 'TICK', dtMs: screenMs(dt) });
    id = requestAnimationFrame(loop);
  });
  return () => cancelAnimationFrame(id);
});
