/**
 * Log-linear latency histogram with HdrHistogram's layout and percentile semantics
 * (lowestDiscernibleValue 1 ns, highestTrackableValue 1 h, 3 significant digits),
 * so its percentiles equal hdr-histogram-js's for the same integer-ns values.
 *
 * Layout: subBucketCount 2048 (half 1024). Bucket 0 holds 0..2047 at 1 ns; bucket
 * b >= 1 holds [1024·2^b, 2048·2^b) at 2^b ns using the top 1024 sub-buckets, so the
 * flat index is b·1024 + (v >> b) and relative resolution is 1/1024 < 0.1%.
 */

const SUB_BUCKET_HALF_MAG = 10;
const SUB_BUCKET_HALF = 1 << SUB_BUCKET_HALF_MAG; // 1024
const SUB_BUCKET_MASK = 2 * SUB_BUCKET_HALF - 1; // 2047
/** Highest trackable value: one hour, in ns. */
export const HIGHEST_TRACKABLE_NS = 3.6e12;
const TWO_POW_32 = 4294967296;
// HdrHistogram's getBucketsNeededToCoverValue(3.6e12) = 32 buckets; length = (32 + 1) · 1024.
const BUCKET_COUNT = 32;
const COUNTS_LENGTH = (BUCKET_COUNT + 1) * SUB_BUCKET_HALF; // 33 792

/** Flat counts index of a non-negative integer ns value ≤ HIGHEST_TRACKABLE_NS. */
function indexOf(ns: number): number {
  if (ns < TWO_POW_32) {
    // Same trick as HdrHistogram: OR-ing the mask maps everything below 2048 to bucket 0.
    const b = 21 - Math.clz32(ns | SUB_BUCKET_MASK);
    return (b << SUB_BUCKET_HALF_MAG) + (ns >>> b);
  }
  // ≥ 2^32 (> 4.29 s): split into 32-bit words; hi < 2^10 here, so b ∈ [22, 31].
  const hi = (ns / TWO_POW_32) >>> 0;
  const lo = (ns - hi * TWO_POW_32) >>> 0;
  const b = 53 - Math.clz32(hi);
  return (b << SUB_BUCKET_HALF_MAG) + ((hi << (32 - b)) | (lo >>> b));
}

function bucketOfIndex(i: number): number {
  return i < 2 * SUB_BUCKET_HALF ? 0 : (i >> SUB_BUCKET_HALF_MAG) - 1;
}

/** Lowest ns value counted at index i (HdrHistogram's valueFromIndex). */
function lowestAt(i: number): number {
  if (i < 2 * SUB_BUCKET_HALF) return i;
  const b = (i >> SUB_BUCKET_HALF_MAG) - 1;
  return ((i & (SUB_BUCKET_HALF - 1)) + SUB_BUCKET_HALF) * 2 ** b;
}

/** Highest ns value counted at index i (HdrHistogram's highestEquivalentValue). */
function highestAt(i: number): number {
  return lowestAt(i) + 2 ** bucketOfIndex(i) - 1;
}

/** hdr-histogram-js's ulp(), copied so the ceil() below rounds identically. */
function ulp(x: number): number {
  return Math.pow(2, Math.floor(Math.log2(x)) - 52);
}

/** Plain-data checkpoint form; `counts` lists only non-zero buckets as [index, count]. */
export interface LatencyHistogramJSON {
  counts: [number, number][];
  sumNs: number;
  minNs: number;
  maxNs: number;
  clamped: number;
}

export interface HistogramState {
  index: Int32Array;
  count: Float64Array;
  total: number;
  sumNs: number;
  minNs: number;
  maxNs: number;
  clamped: number;
}

export class LatencyHistogram {
  // Float64Array, not Uint32Array: one bucket can pass 2^32 counts in a long run (e.g. a
  // deterministic service time), and doubles count exactly to 2^53. Costs 270 KB vs 135 KB.
  private readonly counts = new Float64Array(COUNTS_LENGTH);
  private total = 0;
  // Sum of integer ns: exact while below 2^53 ns (~104 days of summed latency).
  private sumNs = 0;
  private minNs = Infinity;
  private maxNs = 0;
  /** Number of recorded values that exceeded one hour and were clamped to it. */
  clamped = 0;

  /** Records one latency in µs (rounded to the nearest ns). */
  record(us: number): void {
    let ns = Math.round(us * 1000);
    if (!(ns >= 0)) throw new RangeError(`latency must be a non-negative number, got ${us}`);
    if (ns > HIGHEST_TRACKABLE_NS) {
      ns = HIGHEST_TRACKABLE_NS;
      this.clamped++;
    }
    this.counts[indexOf(ns)]++;
    this.total++;
    this.sumNs += ns;
    if (ns < this.minNs) this.minNs = ns;
    if (ns > this.maxNs) this.maxNs = ns;
  }

  /** Records `count` occurrences of the same latency in µs. */
  recordMany(us: number, count: number): void {
    if (!(Number.isInteger(count) && count >= 0))
      throw new RangeError(`count must be a non-negative integer, got ${count}`);
    if (count === 0) return;
    let ns = Math.round(us * 1000);
    if (!(ns >= 0)) throw new RangeError(`latency must be a non-negative number, got ${us}`);
    if (ns > HIGHEST_TRACKABLE_NS) {
      ns = HIGHEST_TRACKABLE_NS;
      this.clamped += count;
    }
    this.counts[indexOf(ns)] += count;
    this.total += count;
    this.sumNs += ns * count;
    if (ns < this.minNs) this.minNs = ns;
    if (ns > this.maxNs) this.maxNs = ns;
  }

  get count(): number {
    return this.total;
  }
  /** Smallest recorded value in µs (after ns rounding and clamping); 0 when empty. */
  get min(): number {
    return this.total === 0 ? 0 : this.minNs / 1000;
  }
  /** Largest recorded value in µs (after ns rounding and clamping); 0 when empty. */
  get max(): number {
    return this.maxNs / 1000;
  }
  /** Exact mean of the recorded (ns-rounded, clamped) values in µs; 0 when empty. */
  get mean(): number {
    return this.total === 0 ? 0 : this.sumNs / this.total / 1000;
  }

  /** Value in µs at percentile p ∈ [0, 100], as HdrHistogram's getValueAtPercentile, except p ≥ 100 returns max. */
  valueAtPercentile(p: number): number {
    return this.percentiles([p])[0];
  }

  /** Several percentiles (any order) in one scan of the counts. */
  percentiles(ps: readonly number[]): number[] {
    const out = new Array<number>(ps.length).fill(0);
    if (this.total === 0) return out;
    const targets = ps.map((p) => {
      if (Number.isNaN(p)) throw new RangeError('percentile must be a number');
      const fp = (Math.min(p, 100) / 100) * this.total;
      return Math.max(Math.ceil(fp - ulp(fp)), 1);
    });
    const order = ps.map((_, k) => k).sort((a, b) => targets[a] - targets[b]);
    let k = 0;
    let cum = 0;
    for (let i = 0; i < COUNTS_LENGTH && k < order.length; i++) {
      cum += this.counts[i];
      while (k < order.length && cum >= targets[order[k]]) {
        const j = order[k++];
        const p = ps[j];
        const ns = p >= 100 ? this.maxNs : p === 0 ? lowestAt(i) : highestAt(i);
        out[j] = ns / 1000;
      }
    }
    return out;
  }

  /** Adds other's recorded values into this histogram. */
  merge(other: LatencyHistogram): void {
    const a = this.counts;
    const b = other.counts;
    for (let i = 0; i < COUNTS_LENGTH; i++) a[i] += b[i];
    this.total += other.total;
    this.sumNs += other.sumNs;
    this.clamped += other.clamped;
    if (other.minNs < this.minNs) this.minNs = other.minNs;
    if (other.maxNs > this.maxNs) this.maxNs = other.maxNs;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sumNs = 0;
    this.minNs = Infinity;
    this.maxNs = 0;
    this.clamped = 0;
  }

  /** Checkpoint form: the non-zero buckets as (index, count) columns, and the running totals. */
  saveState(): HistogramState {
    let k = 0;
    for (let i = 0; i < COUNTS_LENGTH; i++) if (this.counts[i] !== 0) k++;
    const index = new Int32Array(k);
    const count = new Float64Array(k);
    k = 0;
    for (let i = 0; i < COUNTS_LENGTH; i++) {
      if (this.counts[i] !== 0) {
        index[k] = i;
        count[k++] = this.counts[i];
      }
    }
    return {
      index,
      count,
      total: this.total,
      sumNs: this.sumNs,
      minNs: this.minNs,
      maxNs: this.maxNs,
      clamped: this.clamped,
    };
  }

  loadState(s: HistogramState): void {
    this.counts.fill(0);
    for (let k = 0; k < s.index.length; k++) this.counts[s.index[k]] = s.count[k];
    this.total = s.total;
    this.sumNs = s.sumNs;
    this.minNs = s.minNs;
    this.maxNs = s.maxNs;
    this.clamped = s.clamped;
  }

  toJSON(): LatencyHistogramJSON {
    const counts: [number, number][] = [];
    for (let i = 0; i < COUNTS_LENGTH; i++) if (this.counts[i] !== 0) counts.push([i, this.counts[i]]);
    // Infinity is not JSON; an empty histogram stores minNs 0.
    const minNs = this.total === 0 ? 0 : this.minNs;
    return { counts, sumNs: this.sumNs, minNs, maxNs: this.maxNs, clamped: this.clamped };
  }

  static fromJSON(data: LatencyHistogramJSON): LatencyHistogram {
    const h = new LatencyHistogram();
    for (const [i, c] of data.counts) {
      if (!(Number.isInteger(i) && i >= 0 && i < COUNTS_LENGTH && Number.isInteger(c) && c >= 0)) {
        throw new RangeError(`invalid histogram bucket [${i}, ${c}]`);
      }
      h.counts[i] += c;
      h.total += c;
    }
    h.sumNs = data.sumNs;
    h.minNs = h.total === 0 ? Infinity : data.minNs;
    h.maxNs = data.maxNs;
    h.clamped = data.clamped;
    return h;
  }
}
