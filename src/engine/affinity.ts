// Connection affinity: which worker of a pool each connection is pinned to (the simulation), and each
// worker's share of the connections (the analytic estimates).

/**
 * The worker a connection is pinned to at a pool with connection affinity. Which worker accepts a
 * connection depends on the kernel (SO_REUSEPORT hashes the 4-tuple) and on the caller's connection
 * pool, not on the load generator's numbering, so the model spreads connections as a random draw would
 * on average: every block of `workers` consecutive connections covers each worker once (no worker gets
 * two connections before every worker has one, so adding connections never unbalances the pool), in a
 * rotation hashed from (block, pool). A plain `connection mod workers` would line up with round-robin
 * balancing elsewhere (every other request to a replica landing on the same worker there); a fixed
 * hash per connection left some counts unbalanced (4 connections 3:1), so that 2 connections beat 4.
 */
export function affinityWorker(conn: number, pool: number, workers: number): number {
  const block = Math.floor(conn / workers);
  let h = Math.imul(block ^ Math.imul(pool + 1, 0x9e3779b1), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return ((conn % workers) + ((h >>> 0) % workers)) % workers;
}

/** Shares already worked out, by (connections, pool, workers): an estimate asks for each pool's many times. */
const sharesKept = new Map<number, Float64Array>();
const SHARES_KEPT_MAX = 1 << 16;

/**
 * Share of `connections` pinned to each worker of a pool (for the analytic estimates); read it, do not
 * change it (it is kept for the next caller).
 */
export function affinityShares(connections: number, pool: number, workers: number): Float64Array {
  const fits = connections < 1 << 20 && pool < 1 << 20 && workers < 1 << 12;
  const key = fits ? (connections * 2 ** 20 + pool) * 2 ** 12 + workers : -1;
  const kept = fits ? sharesKept.get(key) : undefined;
  if (kept) return kept;
  const shares = new Float64Array(workers);
  for (let c = 0; c < connections; c++) shares[affinityWorker(c, pool, workers)] += 1 / connections;
  if (fits) {
    if (sharesKept.size >= SHARES_KEPT_MAX) sharesKept.clear();
    sharesKept.set(key, shares);
  }
  return shares;
}
