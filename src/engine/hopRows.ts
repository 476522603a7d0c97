import type { SamplerTable } from './samplerTable';

/**
 * Each hop's changing state in one row of ROW_STRIDE doubles: its running totals over measured requests
 * and its samplers (CPU burst, delay, post-response work: kind, two parameters and the held spare normal,
 * as samplerTable.ts lays them out). A traversal reads and writes all of these; in a large scenario, with
 * tens of thousands of hops, each separate array was a likely cache miss per hop, where a row is two
 * neighbouring lines (the totals, then the CPU and delay samplers) and a third for the rarer post work.
 */
export const ROW_STRIDE = 24;
export const HS_COUNT = 0;
export const HS_QUEUED = 1;
export const HS_DROPPED = 2;
export const HS_WAIT_SUM = 3;
export const HS_SERVICE_SUM = 4;
export const HS_WAIT_MAX = 5;
/** CPU µs consumed in the measurement window: HS_CPU + class (0 container, 1 kernel), post work included. */
export const HS_CPU = 6;
/** Where the hop's samplers' four words start in its row (unused when the hop has no such sampler). */
export const HS_CPU_DRAW = 8;
export const HS_DELAY_DRAW = 12;
export const HS_POST_DRAW = 16;

/** Each hop's sampler in the table (-1: none). */
export interface HopSamplers {
  cpu: Int32Array;
  delay: Int32Array;
  post: Int32Array;
}

/** Offsets in a row of the words a run changes: the totals, and each sampler's held spare. */
const CHANGING = [0, 1, 2, 3, 4, 5, 6, 7, HS_CPU_DRAW + 3, HS_DELAY_DRAW + 3, HS_POST_DRAW + 3];

/** The hops' rows, and the totals read from them. */
export class HopRows {
  readonly rows: Float64Array;
  /** Where the rows' sampler words come from (set at construction, never changed): restore rebuilds them. */
  private readonly table: SamplerTable | null;
  private readonly samplers: HopSamplers | null;

  /** Rows for `n` hops: totals at zero, each sampler copied from the table (`-1`: none) with no spare held. */
  constructor(n: number, table?: SamplerTable, samplers?: HopSamplers) {
    this.rows = new Float64Array(n * ROW_STRIDE);
    this.table = table ?? null;
    this.samplers = samplers ?? null;
    this.build();
  }

  /** Totals at zero, the samplers' words as the table has them (no spare held). */
  private build(): void {
    this.rows.fill(0);
    const { table, samplers } = this;
    if (!table || !samplers) return;
    for (let h = 0; h < this.hops; h++) {
      const o = h * ROW_STRIDE;
      if (samplers.cpu[h] >= 0) table.copyRow(samplers.cpu[h], this.rows, o + HS_CPU_DRAW);
      if (samplers.delay[h] >= 0) table.copyRow(samplers.delay[h], this.rows, o + HS_DELAY_DRAW);
      if (samplers.post[h] >= 0) table.copyRow(samplers.post[h], this.rows, o + HS_POST_DRAW);
    }
  }

  /** A checkpoint's share: only the words a run changes (the totals and the samplers' spares), hop by hop. */
  saveState(): Float64Array {
    const n = this.hops;
    const out = new Float64Array(n * CHANGING.length);
    for (let h = 0; h < n; h++)
      for (let k = 0; k < CHANGING.length; k++)
        out[h * CHANGING.length + k] = this.rows[h * ROW_STRIDE + CHANGING[k]];
    return out;
  }

  /** Puts back what saveState saved, on rows rebuilt as at construction (the rest never changes). */
  loadState(saved: Float64Array): void {
    const n = this.hops;
    if (saved.length !== n * CHANGING.length)
      throw new Error(`restore: the checkpoint holds ${saved.length / CHANGING.length} hop rows, not ${n}`);
    this.build();
    for (let h = 0; h < n; h++)
      for (let k = 0; k < CHANGING.length; k++)
        this.rows[h * ROW_STRIDE + CHANGING[k]] = saved[h * CHANGING.length + k];
  }

  get hops(): number {
    return this.rows.length / ROW_STRIDE;
  }
  count(h: number): number {
    return this.rows[h * ROW_STRIDE + HS_COUNT];
  }
  queued(h: number): number {
    return this.rows[h * ROW_STRIDE + HS_QUEUED];
  }
  dropped(h: number): number {
    return this.rows[h * ROW_STRIDE + HS_DROPPED];
  }
  waitSum(h: number): number {
    return this.rows[h * ROW_STRIDE + HS_WAIT_SUM];
  }
  serviceSum(h: number): number {
    return this.rows[h * ROW_STRIDE + HS_SERVICE_SUM];
  }
  waitMax(h: number): number {
    return this.rows[h * ROW_STRIDE + HS_WAIT_MAX];
  }
  cpuUsContainer(h: number): number {
    return this.rows[h * ROW_STRIDE + HS_CPU];
  }
  cpuUsKernel(h: number): number {
    return this.rows[h * ROW_STRIDE + HS_CPU + 1];
  }
}
