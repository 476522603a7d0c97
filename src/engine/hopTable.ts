import type { SimSpec } from '../model/simSpec';
import type { Compiled } from './compile';
import { HS_CPU, ROW_STRIDE } from './hopRows';

/**
 * Every per-hop constant the event loop reads, packed hop by hop into one Int32Array (16 words, one
 * 64-byte cache line per hop). A large scenario has thousands of hops; with one array per constant a
 * hop's handlers touched a dozen arrays, each a likely cache miss, where this touches one line.
 */
export const HOP_STRIDE = 16;
/** Thread-pool station of the hop, or -1. */
export const H_POOL = 0;
/** The pool's queue unit when shared; for an affinity pool its first unit. */
export const H_POOL_UNIT = 1;
/** Affinity pools: workers in the pool (else 0). */
export const H_POOL_WORKERS = 2;
/** Affinity pools: where this pool's row of worker units per connection starts in the affinity table, or -1. */
export const H_AFFINITY_ROW = 3;
/** The node's CPU queue unit, or -1 when the hop uses no CPU. */
export const H_CPU_UNIT = 4;
/** Index into the hop rows (hopRows.ts) of the hop's CPU total for its class (0 container, 1 kernel). */
export const H_CPU_SLOT = 5;
/** Sampler indices (samplerTable.ts) of the CPU burst, post-response work and delay, or -1. */
export const H_CPU_SAMPLER = 6;
export const H_POST_SAMPLER = 7;
export const H_DELAY_SAMPLER = 8;
/** Counters added to the request per traversal. */
export const H_CROSSINGS = 9;
export const H_COPIES = 10;
export const H_CTX = 11;
/** 1 when the hop may fail (failure probability > 0). */
export const H_MAY_FAIL = 12;
/** Where the stream of the hop's CPU bursts (its station's) starts in the simulation's station stream
 *  table, and its delays' stream in the delay stream table (4 words a stream; -1: none). */
export const H_CPU_RNG = 13;
export const H_DELAY_RNG = 14;

/** The affinity table is built only while it stays this small (entries); beyond, the worker is computed. */
const MAX_AFFINITY_ENTRIES = 1 << 20;

export interface Samplers {
  cpu: Int32Array;
  post: Int32Array;
  delay: Int32Array;
}

export function buildHopTable(spec: SimSpec, net: Compiled, samplers: Samplers): Int32Array {
  const n = spec.hops.length;
  const t = new Int32Array(n * HOP_STRIDE);
  let delayed = 0; // delayed hops so far: the delay stream table holds theirs in hop order
  for (let h = 0; h < n; h++) {
    const hop = spec.hops[h];
    const o = h * HOP_STRIDE;
    const pool = net.hopPool[h];
    t[o + H_POOL] = pool;
    t[o + H_POOL_UNIT] = pool >= 0 ? net.stations[pool].firstUnit : -1;
    t[o + H_POOL_WORKERS] = pool >= 0 && net.stations[pool].affinity ? net.stations[pool].unitCount : 0;
    t[o + H_AFFINITY_ROW] = -1;
    const cpu = net.hopCpu[h];
    t[o + H_CPU_UNIT] = cpu >= 0 ? net.stations[cpu].firstUnit : -1;
    t[o + H_CPU_SLOT] = h * ROW_STRIDE + HS_CPU + net.hopCpuClass[h];
    t[o + H_CPU_SAMPLER] = samplers.cpu[h];
    t[o + H_POST_SAMPLER] = samplers.post[h];
    t[o + H_DELAY_SAMPLER] = samplers.delay[h];
    t[o + H_CROSSINGS] = hop.counters.kernelCrossings;
    t[o + H_COPIES] = hop.counters.copies;
    t[o + H_CTX] = hop.counters.contextSwitches;
    t[o + H_MAY_FAIL] = hop.failure > 0 ? 1 : 0;
    t[o + H_CPU_RNG] = cpu >= 0 ? 4 * cpu : -1;
    t[o + H_DELAY_RNG] = hop.delay ? 4 * delayed++ : -1;
  }
  return t;
}

/**
 * The worker unit of every (affinity pool, connection): `affinityWorker` computed once rather than per
 * hop (three integer divisions and a hash). Fills each affinity hop's H_AFFINITY_ROW; returns the table,
 * empty when it would be too large (the hops then keep -1 and the worker is computed each time).
 */
export function buildAffinityTable(
  hops: Int32Array,
  net: Compiled,
  connections: number,
  worker: (conn: number, pool: number, workers: number) => number,
): Int32Array {
  const rows = new Map<number, number>();
  for (let o = 0; o < hops.length; o += HOP_STRIDE)
    if (hops[o + H_POOL_WORKERS] > 0 && !rows.has(hops[o + H_POOL])) rows.set(hops[o + H_POOL], rows.size);
  if (rows.size * connections > MAX_AFFINITY_ENTRIES) return new Int32Array(0);
  const table = new Int32Array(rows.size * connections);
  for (const [pool, row] of rows) {
    const st = net.stations[pool];
    for (let c = 0; c < connections; c++)
      table[row * connections + c] = st.firstUnit + worker(c, pool, st.unitCount);
  }
  for (let o = 0; o < hops.length; o += HOP_STRIDE)
    if (hops[o + H_POOL_WORKERS] > 0) hops[o + H_AFFINITY_ROW] = rows.get(hops[o + H_POOL])! * connections;
  return table;
}
