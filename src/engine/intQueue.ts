/** A growable FIFO of int32 values (request slots waiting at a resource), as a ring buffer. */
export class IntQueue {
  private buf: Int32Array;
  private head = 0;
  private n = 0;

  constructor(capacity = 16) {
    let cap = 1;
    while (cap < capacity) cap *= 2; // power of two: index wrap is a mask
    this.buf = new Int32Array(cap);
  }

  get length(): number {
    return this.n;
  }

  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[(this.head + this.n) & (this.buf.length - 1)] = v;
    this.n++;
  }

  shift(): number {
    const v = this.buf[this.head];
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.n--;
    return v;
  }

  /** Appends the waiting values, oldest first, after their count (checkpoints pack many queues in one array). */
  saveTo(out: number[]): void {
    out.push(this.n);
    for (let i = 0; i < this.n; i++) out.push(this.buf[(this.head + i) & (this.buf.length - 1)]);
  }

  /** Takes back the values saveTo wrote at `at`; returns where the next queue's begin. */
  loadFrom(src: ArrayLike<number>, at: number): number {
    const n = src[at];
    let cap = this.buf.length;
    while (cap < n) cap *= 2;
    if (cap !== this.buf.length) this.buf = new Int32Array(cap);
    for (let i = 0; i < n; i++) this.buf[i] = src[at + 1 + i];
    this.head = 0; // where the values sit in the buffer is not observable, only their order
    this.n = n;
    return at + 1 + n;
  }

  private grow(): void {
    const cap = this.buf.length * 2;
    const b = new Int32Array(cap);
    for (let i = 0; i < this.n; i++) b[i] = this.buf[(this.head + i) & (this.buf.length - 1)];
    this.buf = b;
    this.head = 0;
  }
}
