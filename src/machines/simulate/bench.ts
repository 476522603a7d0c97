import type { TraceLayout, TraceRecord } from '../../worker/trace/protocol';
import type { ChunkInput } from './buffer';

/**
 * Benchmark mode (`#/simulate?bench=N`): the real page, scene and per-frame update, fed with N
 * synthetic packets that are always in flight, each crossing a hop every `periodUs` of simulated
 * time, played at real time. Used by scripts/bench-scene.ts; the page says it is synthetic.
 */
export function syntheticRecords(
  layout: TraceLayout,
  n: number,
  periodUs: number,
  cycles: number,
): TraceRecord[] {
  const hops = layout.hops.map((h, i) => (h.leg === 'handler' ? -1 : i)).filter((i) => i >= 0);
  const out: TraceRecord[] = [];
  for (let i = 0; i < n; i++) {
    const phase = ((i * 7919) % 1000) / 1000;
    for (let k = 0; k < cycles; k++) {
      const enter = (k - phase) * periodUs;
      out.push({
        request: i,
        hop: hops[(i * 13 + k) % hops.length],
        enter,
        queueWait: 0,
        service: periodUs,
        cpu: 0,
        leave: enter + periodUs,
        outcome: 'forwarded',
      });
    }
  }
  return out;
}

export const BENCH_PERIOD_US = 2_000_000;
const BENCH_CYCLES = 60;

/** The real layout with the synthetic run's length, and its whole run as one chunk. */
export function benchRun(real: TraceLayout, n: number): { layout: TraceLayout; chunk: ChunkInput } {
  const layout: TraceLayout = { ...real, run: { ...real.run, endUs: BENCH_PERIOD_US * (BENCH_CYCLES - 2) } };
  const chunk: ChunkInput = {
    mode: 'stream',
    from: 0,
    to: layout.run.endUs,
    idleFrom: null,
    done: true,
    records: syntheticRecords(layout, n, BENCH_PERIOD_US, BENCH_CYCLES),
    samples: { times: new Float64Array(0), busy: new Int32Array(0), queue: new Int32Array(0) },
  };
  return { layout, chunk };
}
