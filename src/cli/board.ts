/**
 * A comparison's runs as a board every thread shares: one claim word per (design, replication) in a
 * SharedArrayBuffer. A thread takes the first unclaimed run of the current list (compare-and-swap 0 → 1),
 * so each run is done exactly once, by whichever thread is free first: no thread waits at the end of a
 * round for another's fixed share. Who ran what never shows in the numbers, because each run's seed is
 * derived from its replication alone.
 */
export class RunBoard {
  readonly claims: Int32Array;

  /** `width` replications per design at most; `buffer` shares another thread's board. */
  constructor(
    readonly designs: number,
    readonly width: number,
    buffer: SharedArrayBuffer = new SharedArrayBuffer(4 * Math.max(1, designs * width)),
  ) {
    if (buffer.byteLength < 4 * designs * width)
      throw new Error(`a board of ${designs}×${width} runs needs ${4 * designs * width} bytes`);
    this.claims = new Int32Array(buffer);
  }

  get buffer(): SharedArrayBuffer {
    return this.claims.buffer as SharedArrayBuffer;
  }

  slot(design: number, replication: number): number {
    if (replication < 0 || replication >= this.width)
      throw new Error(`replication ${replication} is outside this board (0..${this.width - 1})`);
    return design * this.width + replication;
  }

  design(slot: number): number {
    return Math.floor(slot / this.width);
  }

  replication(slot: number): number {
    return slot % this.width;
  }

  isClaimed(slot: number): boolean {
    return Atomics.load(this.claims, slot) !== 0;
  }

  /**
   * Claims the first unclaimed slot of `list` at or after `from`: its index in the list, or -1 when every
   * one is taken. Claims only ever go from 0 to 1, so a caller may resume from the index after its last.
   */
  claimNext(list: readonly number[], from: number): number {
    for (let i = from; i < list.length; i++)
      if (Atomics.compareExchange(this.claims, list[i], 0, 1) === 0) return i;
    return -1;
  }
}

/**
 * The order threads take runs in: the longest first (each design's cost, e.g. the hops one request
 * visits), so the short runs come last and fill the gaps as threads finish; ties in the board's order.
 */
export function claimOrder(board: RunBoard, slots: readonly number[], cost: readonly number[]): number[] {
  return [...slots].sort((a, b) => cost[board.design(b)] - cost[board.design(a)] || a - b);
}
