// Micro-benchmark: ns per exponential sample (stream + detmath.log). Run: npx tsx src/engine/rng.bench.ts
import { makeSampler } from './distributions';
import { createStream } from './rng';

const N = 10_000_000;

function bench(label: string, fn: () => number): void {
  let sink = 0;
  for (let i = 0; i < N / 10; i++) sink += fn(); // warm up the JIT
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) sink += fn();
  const ns = Number(process.hrtime.bigint() - t0) / N;
  console.log(`${label}: ${ns.toFixed(2)} ns/sample (checksum ${sink.toPrecision(6)})`);
}

const s = createStream(1, 'bench');
const exponential = makeSampler({ kind: 'exponential', mean: 1 });
const lognormal = makeSampler({ kind: 'lognormal', mean: 1, cv: 1 });
bench('next01', () => s.next01());
bench('exponential', () => exponential(s));
bench('lognormal cv 1', () => lognormal(s));
bench('exponential via Math.log (reference)', () => -Math.log(s.nextOpen01()));
