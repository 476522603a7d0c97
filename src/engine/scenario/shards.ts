/**
 * Which shard (worker) runs each job of a comparison, given each job's cost: the heaviest job first,
 * each to the shard with the least work so far (ties to the lower index). Deterministic, so every
 * worker computes the same assignment from the same plan; results do not depend on it, because each
 * run has its own seed.
 */
export function assignShards(costs: readonly number[], count: number): number[] {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`shard count must be a positive integer, got ${count}`);
  const owner = new Array<number>(costs.length).fill(0);
  const load = new Array<number>(count).fill(0);
  const order = costs.map((_, j) => j).sort((a, b) => costs[b] - costs[a] || a - b);
  for (const j of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    owner[j] = best;
    load[best] += costs[j];
  }
  return owner;
}
