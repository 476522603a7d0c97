/**
 * The worker's side of the watchdog (see rpc.ts): while busy, a worker posts `{ type: 'alive' }` at
 * most every HEARTBEAT_MS from the places its long work pauses anyway (the engine's slice loop, the
 * trace worker's checkpoints). A worker that is progressing therefore keeps talking however long its
 * request takes; one that has stopped falls silent and is replaced.
 */

export const ALIVE = { type: 'alive' } as const;
export type AliveMessage = typeof ALIVE;

/** Well below the page's DEFAULT_SILENCE_MS, so a late beat or two is never mistaken for silence. */
export const HEARTBEAT_MS = 500;

export function isAlive(data: unknown): data is AliveMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'alive';
}

/** A `beat()` to call as often as convenient; it posts at most once per `everyMs` by `now`. */
export function createHeartbeat(
  post: (m: AliveMessage) => void,
  now: () => number,
  everyMs = HEARTBEAT_MS,
): () => void {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last < everyMs) return;
    last = t;
    post(ALIVE);
  };
}
