import { HOP_FIELDS, STATION_FIELDS, type PackedRun } from '../engine';
import type { SimSpec } from '../model/simSpec';

// The format lives with the engine, whose assembly reads it; the worker packs, the page checks.
export { packRun, runLabels, type PackedRun, type RunLabels } from '../engine';

/** The buffers a reply of packed runs transfers (each run's columns, once). */
export function transferablesOf(runs: readonly (PackedRun | null)[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const r of runs) if (r) out.add(r.columns.buffer as ArrayBuffer);
  return [...out];
}

/** Why a packed run does not fit the spec it was run from (its number of figures), or null when it does. */
export function packedRunProblem(run: unknown, spec: SimSpec): string | null {
  if (typeof run !== 'object' || run === null) return 'not an object';
  const { head, columns } = run as Partial<PackedRun>;
  if (typeof head !== 'object' || head === null) return 'no head';
  if (!(columns instanceof Float64Array)) return 'columns are not a Float64Array';
  const want = spec.hops.length * HOP_FIELDS + spec.stations.length * STATION_FIELDS;
  if (columns.length !== want) return `${columns.length} figures where the spec needs ${want}`;
  return null;
}

/** A shard's packed reply, checked, or what was wrong with it. */
export type PackedShard =
  { status: 'runs'; runs: (PackedRun | null)[] } | { status: 'error'; message: string };

/**
 * A shard's packed runs checked against the specs the page sent (`specs[d]`: design d's, parsed): each
 * must hold its spec's number of figures. Runs are laid out as the comparison's plan: each design's
 * `width` replications in turn (null where another shard ran it).
 */
export function packedShard(specs: readonly SimSpec[], width: number, runs: readonly unknown[]): PackedShard {
  if (runs.length !== specs.length * width)
    return { status: 'error', message: `${runs.length} runs where the plan has ${specs.length * width}` };
  for (let j = 0; j < runs.length; j++) {
    if (runs[j] === null) continue;
    const problem = packedRunProblem(runs[j], specs[Math.floor(j / width)]);
    if (problem) return { status: 'error', message: `run ${j}: ${problem}` };
  }
  return { status: 'runs', runs: runs as (PackedRun | null)[] };
}
