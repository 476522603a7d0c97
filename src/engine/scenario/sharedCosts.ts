import type { Distribution } from '../../model/distribution';
import type { StationId } from '../../model/ids';
import type { SimSpec } from '../../model/simSpec';

type HopCpu = NonNullable<SimSpec['hops'][number]['cpu']>;

/**
 * One frozen object for each distinct cost the compiled hops carry. A 2,000-pod design has tens of
 * thousands of hops but a few hundred distinct costs, and every object the page keeps is work for its
 * garbage collector: an object per hop per cost (a distribution, its CPU burst) and their boxed numbers
 * were about half of a large-mesh page's live objects. Nothing writes to a hop's cost objects (the
 * post-work moves, re-costing and faults replace them whole); frozen, a write would throw.
 *
 * The tables hold values only, so sharing never changes a compiled scenario; they are emptied when
 * they grow past LIMIT (a session's edits of the cost models), which only ends the sharing with what
 * was compiled before.
 */
const LIMIT = 50_000;
let dists = new Map<string, Distribution>();
let cpus = new Map<Distribution, Map<string, HopCpu>>();

const ZERO: Distribution = Object.freeze({ kind: 'deterministic', value: 0 });

/** A lognormal of `mean` and `cv` (deterministic when cv is 0; zero when mean is not positive). */
export function sharedDist(mean: number, cv: number): Distribution {
  if (mean <= 0) return ZERO;
  const key = cv > 0 ? `${cv} ${mean}` : `${mean}`;
  let d = dists.get(key);
  if (!d) {
    if (dists.size >= LIMIT) reset();
    d = Object.freeze(cv > 0 ? { kind: 'lognormal', mean, cv } : { kind: 'deterministic', value: mean });
    dists.set(key, d);
  }
  return d;
}

/** A CPU burst of `service` on `station`'s cores. */
export function sharedCpu(station: StationId, service: Distribution, cpuClass: HopCpu['cpuClass']): HopCpu {
  let byStation = cpus.get(service);
  if (!byStation) {
    if (cpus.size >= LIMIT) reset();
    cpus.set(service, (byStation = new Map()));
  }
  const key = `${cpuClass} ${station}`;
  let cpu = byStation.get(key);
  if (!cpu) byStation.set(key, (cpu = Object.freeze({ station, service, cpuClass })));
  return cpu;
}

function reset(): void {
  dists = new Map();
  cpus = new Map();
}

/** The zero-cost burst a hop gets when post-response work moves onto it and it had no CPU of its own. */
export const zeroCpu = (station: StationId): HopCpu => sharedCpu(station, ZERO, 'container');
