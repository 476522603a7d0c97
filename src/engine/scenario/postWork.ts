import type { Distribution } from '../../model/distribution';
import type { SimSpec } from '../../model/simSpec';
import type { HopInfo } from './hopInfo';
import { stationId } from '../../model/ids';
import { zeroCpu } from './sharedCosts';

type HopSpec = SimSpec['hops'][number];

/**
 * A proxy's post-response work (telemetry) runs after the message has left the proxy, not between
 * its parse and its write: move it to the last hop of each run of consecutive hops on one worker pool.
 * The leg's hops are [from, end): a re-costing (recost.ts) replays the moves once every hop exists.
 */
export function deferPostWork(
  hops: HopSpec[],
  info: HopInfo[],
  from: number,
  dist: (mean: number) => Distribution,
  end = hops.length,
): void {
  let runStart = from;
  for (let i = from; i <= end; i++) {
    const pool = i < end ? hops[i].pool : undefined;
    if (i < end && pool !== undefined && pool === hops[runStart].pool) continue;
    if (i - runStart > 1 && hops[runStart].pool !== undefined) {
      const last = i - 1;
      let post = 0;
      for (let j = runStart; j < last; j++) {
        post += info[j].postUs;
        info[j].postUs = 0;
        delete hops[j].post;
      }
      if (post > 0) {
        info[last].postUs += post;
        hops[last].cpu ??= zeroCpu(stationId.cpu(info[last].node));
        hops[last].post = dist(info[last].postUs);
      }
    }
    runStart = i;
  }
}

/**
 * Proxies finish a request's telemetry when its response has gone (Istio's performance notes), so
 * post-response work found on request-leg hops is moved to the same worker pool's last hop of the
 * response leg; only worker pools that the response also crosses are moved. The response leg's hops
 * are [respFrom, end).
 */
export function postAfterResponse(
  hops: HopSpec[],
  info: HopInfo[],
  reqFrom: number,
  reqTo: number,
  respFrom: number,
  dist: (mean: number) => Distribution,
  end = hops.length,
): void {
  const lastInResponse = new Map<string, number>();
  for (let i = respFrom; i < end; i++) if (hops[i].pool) lastInResponse.set(hops[i].pool!, i);
  for (let i = reqFrom; i < reqTo; i++) {
    const pool = hops[i].pool;
    const target = pool ? lastInResponse.get(pool) : undefined;
    if (target === undefined || info[i].postUs === 0) continue;
    info[target].postUs += info[i].postUs;
    info[i].postUs = 0;
    delete hops[i].post;
    hops[target].cpu ??= zeroCpu(stationId.cpu(info[target].node));
    hops[target].post = dist(info[target].postUs);
  }
}
