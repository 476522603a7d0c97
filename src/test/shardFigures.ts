import { packedOf } from '../engine';
import type { ShardOutcome } from '../worker/client';

/**
 * Shard outcomes as one string to compare: each run as its figures (packed), whether it came back as a
 * summary (raw specs) or packed (the page's compiled specs), so the two can be compared to the byte.
 */
export const figuresOf = (outcomes: ShardOutcome | readonly ShardOutcome[]): string =>
  JSON.stringify(
    ([] as ShardOutcome[])
      .concat(outcomes)
      .map((o) => (o.status === 'runs' ? { ...o, runs: o.runs.map((r) => r && packedOf(r)) } : o)),
  );
