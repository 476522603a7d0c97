/**
 * Request state by slot, with a free list: no object per request, so the hot loop allocates nothing. A
 * slot is one traversal of one route (a top-level request, a downstream call, or a post-response work
 * item).
 *
 * A slot's fields sit side by side in rows, not in one array per field: a hop reads and writes a dozen
 * of them, and with a column per field each was a separate cache line. The fields a hop touches fill one
 * 64-byte row of `F` (times) and one of `I` (integers); those used once per request or call sit in `G`.
 * Read field X of slot r as `F[(r << 3) + F_X]`, `G[(r << 2) + G_X]` or `I[(r << 4) + I_X]`.
 */

// F: per-hop times, 8 doubles a slot.
export const F_SHIFT = 3;
export const F_HOP_ENTER = 0;
export const F_QUEUE_WAIT = 1;
/** Time spent waiting to acquire a held pool, charged to the next hop's queue wait. */
export const F_CARRY_WAIT = 2;
export const F_BURST = 3;
export const F_WAIT_START = 4;
export const F_SEQ = 5;
export const F_CPU_US = 6;
export const F_ATTEMPT_START = 7;

// G: per request or call, 4 doubles a slot.
export const G_SHIFT = 2;
export const G_INTENDED = 0;
export const G_ACTUAL = 1;
/** As a call's child: its attempt id. */
export const G_ATTEMPT = 2;
/** As a caller at a choose step: the attempt it awaits (-1 none). */
export const G_AWAITING = 3;

// I: integers, 16 words a slot.
export const I_SHIFT = 4;
export const I_ROUTE = 0;
export const I_STEP = 1;
export const I_HOP = 2;
export const I_PARENT = 3;
export const I_ROOT = 4;
export const I_PENDING = 5;
export const I_CALL_INDEX = 6;
export const I_HELD_UNIT = 7;
export const I_CONN = 8;
export const I_FLAGS = 9;
export const I_CROSSINGS = 10;
export const I_COPIES = 11;
export const I_CTX_SWITCHES = 12;
export const I_HOPS = 13;
/** Queue unit held across steps (acquire … release), or -1. */
export const I_SPAN_UNIT = 14;

export const FLAG_MEASURED = 1;
export const FLAG_POST = 2;
export const FLAG_FAILED = 4;
/** Waiting in a pool's queue for a held (acquire) server rather than for a hop. */
export const FLAG_SPAN_WAIT = 8;

export class RequestTable {
  F!: Float64Array;
  G!: Float64Array;
  I!: Int32Array;

  private free: Int32Array;
  private freeTop = 0;
  private cap = 0;
  /** Slots in use: bounded by requests in flight, not by run length. */
  inUse = 0;

  constructor(capacity = 256) {
    this.free = new Int32Array(0);
    this.resize(capacity);
  }

  alloc(): number {
    if (this.freeTop === 0) this.resize(this.cap * 2);
    this.inUse++;
    return this.free[--this.freeTop];
  }

  release(slot: number): void {
    this.inUse--;
    this.free[this.freeTop++] = slot;
  }

  private resize(cap: number): void {
    const old = this.cap;
    const F = new Float64Array(cap << F_SHIFT);
    const G = new Float64Array(cap << G_SHIFT);
    const I = new Int32Array(cap << I_SHIFT);
    if (old) {
      F.set(this.F);
      G.set(this.G);
      I.set(this.I);
    }
    this.F = F;
    this.G = G;
    this.I = I;
    const free = new Int32Array(cap);
    free.set(this.free.subarray(0, this.freeTop));
    // New slots go on the free list highest first, so slots are handed out in ascending order.
    let top = this.freeTop;
    for (let s = cap - 1; s >= old; s--) free[top++] = s;
    this.free = free;
    this.freeTop = top;
    this.cap = cap;
  }
}
