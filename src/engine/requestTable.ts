/**
 * Request state as columns of typed arrays indexed by slot, with a free list: no object per request,
 * so the hot loop allocates nothing. A slot is one traversal of one route (a top-level request, a
 * downstream call, or a post-response work item).
 */
const FLOAT_COLS = [
  'hopEnter',
  'waitStart',
  'queueWait',
  'serviceStart',
  'intended',
  'actual',
  'cpuUs',
  'burst',
  'seq',
  'attempt',
  'awaiting',
  'attemptStart',
  'carryWait',
] as const;
const INT_COLS = [
  'route',
  'step',
  'hop',
  'parent',
  'root',
  'pending',
  'callIndex',
  'heldUnit',
  'conn',
  'flags',
  'crossings',
  'copies',
  'ctxSwitches',
  'hops',
  'spanUnit',
] as const;

export const FLAG_MEASURED = 1;
export const FLAG_POST = 2;
export const FLAG_FAILED = 4;
/** Waiting in a pool's queue for a held (acquire) server rather than for a hop. */
export const FLAG_SPAN_WAIT = 8;

export class RequestTable {
  hopEnter!: Float64Array;
  waitStart!: Float64Array;
  queueWait!: Float64Array;
  serviceStart!: Float64Array;
  intended!: Float64Array;
  actual!: Float64Array;
  cpuUs!: Float64Array;
  burst!: Float64Array;
  seq!: Float64Array;
  /** As a call's child: its attempt id. As a caller at a choose step: the attempt it awaits (-1 none). */
  attempt!: Float64Array;
  awaiting!: Float64Array;
  attemptStart!: Float64Array;
  /** Time spent waiting to acquire a held pool, charged to the next hop's queue wait. */
  carryWait!: Float64Array;
  route!: Int32Array;
  step!: Int32Array;
  hop!: Int32Array;
  parent!: Int32Array;
  root!: Int32Array;
  pending!: Int32Array;
  callIndex!: Int32Array;
  heldUnit!: Int32Array;
  conn!: Int32Array;
  flags!: Int32Array;
  crossings!: Int32Array;
  copies!: Int32Array;
  ctxSwitches!: Int32Array;
  hops!: Int32Array;
  /** Queue unit held across steps (acquire … release), or -1. */
  spanUnit!: Int32Array;

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
    for (const c of FLOAT_COLS) {
      const a = new Float64Array(cap);
      if (old) a.set(this[c]);
      this[c] = a;
    }
    for (const c of INT_COLS) {
      const a = new Int32Array(cap);
      if (old) a.set(this[c]);
      this[c] = a;
    }
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
