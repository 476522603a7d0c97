/**
 * Pending events as a binary min-heap over typed arrays, ordered by (time, priority, insertion sequence).
 * No object per event: the engine's hot loop pushes and pops millions of events per second.
 * The sequence number makes ties deterministic (FIFO among equal time and priority).
 */
export class EventQueue {
  private time: Float64Array;
  /** priority * 2^40 + seq: one float compare instead of two (exact while seq < 2^40). */
  private order: Float64Array;
  private kind: Int32Array;
  private arg: Int32Array;
  private n = 0;
  private seq = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.arg = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[0] : Infinity;
  }

  push(time: number, priority: number, kind: number, arg: number): void {
    if (this.n === this.time.length) this.grow();
    const order = priority * 1099511627776 + this.seq++;
    // Sift up with a hole, moving parents down.
    let i = this.n++;
    const T = this.time,
      O = this.order,
      K = this.kind,
      A = this.arg;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const tp = T[p];
      if (tp < time || (tp === time && O[p] < order)) break;
      T[i] = tp;
      O[i] = O[p];
      K[i] = K[p];
      A[i] = A[p];
      i = p;
    }
    T[i] = time;
    O[i] = order;
    K[i] = kind;
    A[i] = arg;
  }

  /** Removes the earliest event; read it first with the `top*` fields via `popInto`. */
  popInto(out: { time: number; kind: number; arg: number }): boolean {
    if (this.n === 0) return false;
    const T = this.time,
      O = this.order,
      K = this.kind,
      A = this.arg;
    out.time = T[0];
    out.kind = K[0];
    out.arg = A[0];
    const last = --this.n;
    if (last === 0) return true;
    const t = T[last],
      o = O[last],
      k = K[last],
      a = A[last];
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      if (r < last && (T[r] < T[c] || (T[r] === T[c] && O[r] < O[c]))) c = r;
      if (t < T[c] || (t === T[c] && o < O[c])) break;
      T[i] = T[c];
      O[i] = O[c];
      K[i] = K[c];
      A[i] = A[c];
      i = c;
    }
    T[i] = t;
    O[i] = o;
    K[i] = k;
    A[i] = a;
    return true;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const o = new Float64Array(cap);
    o.set(this.order);
    this.order = o;
    const k = new Int32Array(cap);
    k.set(this.kind);
    this.kind = k;
    const a = new Int32Array(cap);
    a.set(this.arg);
    this.arg = a;
  }
}
