// Micro-benchmark: ns per record, LatencyHistogram vs hdr-histogram-js (JS, not WASM).
// Run: npx tsx src/engine/histogram.bench.ts
import * as hdr from 'hdr-histogram-js';
import { LatencyHistogram } from './histogram';

const N = 10_000_000;
const ROUNDS = 5;

// Same fixed-seed values for both: lognormal around 200 µs with a heavy tail (some > 2^32 ns).
let s = 42;
const rand = () => {
  s = (s + 0x6d2b79f5) >>> 0;
  let t = Math.imul(s ^ (s >>> 15), s | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const ns = new Float64Array(N);
const us = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  ns[i] = Math.min(Math.round(200_000 * Math.exp(1.5 * z)), 3.6e12);
  us[i] = ns[i] / 1000; // our API takes µs; hdr gets the same values as integer ns
}

function time(label: string, run: () => void): void {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  console.log(
    `${label.padEnd(34)} ${((best * 1e6) / N).toFixed(2)} ns/record (best of ${ROUNDS} × ${N / 1e6}M)`,
  );
}

const mine = new LatencyHistogram();
time('LatencyHistogram.record(µs)', () => {
  mine.reset();
  for (let i = 0; i < N; i++) mine.record(us[i]);
});

for (const bitBucketSize of [32, 64] as const) {
  const ref = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3.6e12,
    numberOfSignificantValueDigits: 3,
    bitBucketSize,
    useWebAssembly: false,
  });
  time(`hdr-histogram-js recordValue(ns) ${bitBucketSize}-bit`, () => {
    ref.reset();
    for (let i = 0; i < N; i++) ref.recordValue(ns[i]);
  });
  const a = mine.percentiles([50, 99, 99.9]).map((v) => Math.round(v * 1000));
  const b = [50, 99, 99.9].map((p) => ref.getValueAtPercentile(p));
  if (a.join() !== b.join()) throw new Error(`percentiles differ: ${a} vs ${b}`);
}
