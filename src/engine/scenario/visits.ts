import type { SimSpec } from '../../model/simSpec';
import {
  compileSpec,
  STEP_ACQUIRE,
  STEP_CALL_PARALLEL,
  STEP_CHOOSE,
  STEP_HOP,
  STEP_RELEASE,
  type Compiled,
} from '../compile';

/** Expected traversals per top-level request of each hop and route; parallel calls visit every branch. */
export function walkVisits(
  net: Compiled,
  nh: number,
): { visits: Float64Array; routeVisits: Float64Array; fanOut: boolean; heldPools: boolean } {
  const visits = new Float64Array(nh);
  const routeVisits = new Float64Array(net.routes.length);
  let fanOut = false;
  let heldPools = false;
  const walk = (route: number, weight: number): void => {
    routeVisits[route] += weight;
    const r = net.routes[route];
    for (let s = 0; s < r.stepType.length; s++) {
      if (r.stepType[s] === STEP_HOP) visits[r.stepArg[s]] += weight;
      else if (r.stepType[s] === STEP_ACQUIRE) heldPools = true;
      else if (r.stepType[s] !== STEP_RELEASE) {
        const targets = r.calls[r.stepArg[s]];
        if (r.stepType[s] === STEP_CHOOSE) for (const t of targets) walk(t, weight / targets.length);
        else {
          if (r.stepType[s] === STEP_CALL_PARALLEL && targets.length > 1) fanOut = true;
          for (const t of targets) walk(t, weight);
        }
      }
    }
  };
  walk(net.entry, 1);
  return { visits, routeVisits, fanOut, heldPools };
}

/**
 * What one run of `spec` costs, about: the hops one top-level request visits (expected over the call
 * graph; a spec's hop list also holds every pod pair's routes, most of them idle). Shard balancers and
 * run queues order runs by it.
 */
export function runCost(spec: SimSpec): number {
  return walkVisits(compileSpec(spec), spec.hops.length).visits.reduce((x, y) => x + y, 0);
}
