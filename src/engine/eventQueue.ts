/**
 * Pending events as a binary min-heap in one Float64Array, ordered by (time, priority, insertion
 * sequence). No object per event: the engine's hot loop pushes and pops millions of events per second.
 * Each entry is three words side by side — its time, its order and its payload — so a step of a sift
 * reads one or two cache lines where four parallel arrays read four (a 400-pod mesh keeps thousands of
 * events pending). The sequence number makes ties deterministic (FIFO among equal time and priority).
 */
const STRIDE = 3;
/** payload = kind · 2^32 + (arg as an unsigned 32-bit word): exact in a double while kind < 2^20. */
const ARG_SPAN = 4294967296;

export class EventQueue {
  /** [time, priority · 2^40 + seq (one float compare instead of two; exact while seq < 2^40), payload] per entry. */
  private heap: Float64Array;
  private n = 0;
  private seq = 0;

  constructor(capacity = 1024) {
    this.heap = new Float64Array(capacity * STRIDE);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.heap[0] : Infinity;
  }

  push(time: number, priority: number, kind: number, arg: number): void {
    if ((this.n + 1) * STRIDE > this.heap.length) this.grow();
    const order = priority * 1099511627776 + this.seq++;
    const payload = kind * ARG_SPAN + (arg >>> 0);
    const H = this.heap;
    // Sift up with a hole, moving parents down.
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const po = p * STRIDE;
      const tp = H[po];
      if (tp < time || (tp === time && H[po + 1] < order)) break;
      const io = i * STRIDE;
      H[io] = tp;
      H[io + 1] = H[po + 1];
      H[io + 2] = H[po + 2];
      i = p;
    }
    const io = i * STRIDE;
    H[io] = time;
    H[io + 1] = order;
    H[io + 2] = payload;
  }

  /** Removes the earliest event, writing it to `out`; false when empty. */
  popInto(out: { time: number; kind: number; arg: number }): boolean {
    if (this.n === 0) return false;
    const H = this.heap;
    out.time = H[0];
    const payload = H[2];
    const kind = Math.floor(payload / ARG_SPAN);
    out.kind = kind;
    out.arg = (payload - kind * ARG_SPAN) | 0;
    const last = --this.n;
    if (last === 0) return true;
    const lo = last * STRIDE;
    const t = H[lo],
      o = H[lo + 1],
      x = H[lo + 2];
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      let co = c * STRIDE;
      if (c + 1 < last) {
        const ro = co + STRIDE;
        if (H[ro] < H[co] || (H[ro] === H[co] && H[ro + 1] < H[co + 1])) {
          c++;
          co = ro;
        }
      }
      if (t < H[co] || (t === H[co] && o < H[co + 1])) break;
      const io = i * STRIDE;
      H[io] = H[co];
      H[io + 1] = H[co + 1];
      H[io + 2] = H[co + 2];
      i = c;
    }
    const io = i * STRIDE;
    H[io] = t;
    H[io + 1] = o;
    H[io + 2] = x;
    return true;
  }

  private grow(): void {
    const h = new Float64Array(this.heap.length * 2);
    h.set(this.heap);
    this.heap = h;
  }
}
