import type { Compiled } from './compile';

/**
 * Queue units' state, one row of UNIT_STRIDE doubles a unit: what a hop reads and writes when it takes
 * or frees a worker or a core (busy servers, waiting count, the time integrals behind utilisation and
 * queue length) and the unit's constants, side by side. A large scenario has thousands of units (a
 * sidecar's workers in every pod); with an array per field, taking one touched six cache lines.
 * The waiting requests themselves are in the simulation's IntQueues; U_WAITING mirrors their count.
 */
export const UNIT_STRIDE = 8;
export const U_BUSY = 0;
export const U_SERVERS = 1;
/** Simulated time the integrals were last brought up to. */
export const U_LAST = 2;
/** ∫ busy servers dt and ∫ waiting dt over the measurement window. */
export const U_BUSY_AREA = 3;
export const U_QUEUE_AREA = 4;
export const U_WAITING = 5;
/** 1 for a worker of a thread pool, 0 for a core. */
export const U_IS_POOL = 6;

/** A fresh table for the compiled scenario's units: all idle, none waiting. */
export function buildUnitTable(net: Compiled): Float64Array {
  const t = new Float64Array(net.unitCount * UNIT_STRIDE);
  for (let u = 0; u < net.unitCount; u++) {
    t[u * UNIT_STRIDE + U_SERVERS] = net.unitServers[u];
    t[u * UNIT_STRIDE + U_IS_POOL] = net.unitIsPool[u];
  }
  return t;
}
