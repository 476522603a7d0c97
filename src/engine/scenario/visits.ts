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
import { drain } from './stepBudget';

/** Expected traversals per top-level request of each hop and route; parallel calls visit every branch. */
export function walkVisits(net: Compiled, nh: number): Walked {
  return drain(walkVisitsSteps(net, nh));
}

export interface Walked {
  visits: Float64Array;
  routeVisits: Float64Array;
  fanOut: boolean;
  heldPools: boolean;
}

/** Route steps walked between two questions to `spend`. */
const WALK_PART = 4_096;

/**
 * `walkVisits` a part at a time: `spend(n)` is told of each WALK_PART route steps walked, and the walk
 * yields when it answers true. The walk goes depth first over the call tree, which a large mesh makes
 * long (every path to a route walks it again: about 40 ms in one piece at 2,000 pods on a page), so it
 * keeps its own stack instead of recursing. It visits in the recursion's order, so every sum is added in
 * the same order and comes out the same to the bit.
 */
export function* walkVisitsSteps(
  net: Compiled,
  nh: number,
  spend: (steps: number) => boolean = () => false,
): Generator<void, Walked, void> {
  const visits = new Float64Array(nh);
  const routeVisits = new Float64Array(net.routes.length);
  let fanOut = false;
  let heldPools = false;
  // The stack: each frame's route, weight, next step and, in a call step, next target.
  const route: number[] = [];
  const weight: number[] = [];
  const step: number[] = [];
  const target: number[] = [];
  const enter = (r: number, w: number) => {
    routeVisits[r] += w;
    route.push(r);
    weight.push(w);
    step.push(0);
    target.push(0);
  };
  enter(net.entry, 1);
  let walked = 0;
  while (route.length > 0) {
    const top = route.length - 1;
    const r = net.routes[route[top]];
    const s = step[top];
    if (s === r.stepType.length) {
      route.pop();
      weight.pop();
      step.pop();
      target.pop();
      continue;
    }
    const type = r.stepType[s];
    if (type === STEP_HOP) {
      visits[r.stepArg[s]] += weight[top];
      step[top]++;
    } else if (type === STEP_ACQUIRE) {
      heldPools = true;
      step[top]++;
    } else if (type === STEP_RELEASE) step[top]++;
    else {
      const targets = r.calls[r.stepArg[s]];
      const k = target[top];
      if (k === targets.length) {
        step[top]++;
        target[top] = 0;
      } else {
        target[top]++;
        if (type === STEP_CHOOSE) enter(targets[k], weight[top] / targets.length);
        else {
          if (type === STEP_CALL_PARALLEL && targets.length > 1) fanOut = true;
          enter(targets[k], weight[top]);
        }
      }
    }
    if (++walked === WALK_PART) {
      walked = 0;
      if (spend(WALK_PART)) yield;
    }
  }
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
