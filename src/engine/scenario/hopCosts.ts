import type { Distribution } from '../../model/distribution';
import { tunnelPackets, type HopKind } from '../../model/hopKind';
import { stationId } from '../../model/ids';
import type { Scenario } from '../../model/scenario';
import type { SimSpec } from '../../model/simSpec';
import { sharedCpu, sharedDist } from './sharedCosts';

type HopSpec = SimSpec['hops'][number];

/** Mean costs of a hop, µs: on the request's path, CPU burst, post-response work. */
export interface HopCosts {
  onPath: number;
  cpu: number;
  post: number;
}

/**
 * A route segment's mean costs at a cost profile: `kib` of payload (0 for a handshake), `extraUs` of
 * work the scenario adds (the kube-proxy rule walk). Shared by the compiler and the re-costing, so a
 * hop costs the same whichever built it.
 */
export function segmentCosts(
  kind: HopKind,
  profile: Scenario['profile'],
  kib: number,
  extraUs: number,
  telemetry: boolean,
): HopCosts {
  const c = kind.cost[profile];
  // Per-packet work (node-to-node encryption) is paid once for every packet of the message.
  const times = kind.fixedPer === 'packet' ? tunnelPackets(kib) : 1;
  return {
    onPath: c.onPathUs * times + c.perKiBUs * kib + extraUs,
    cpu: kind.cpuClass === 'none' ? 0 : c.cpuUs * times + c.perKiBUs * kib + extraUs,
    post: telemetry ? c.postUs : 0,
  };
}

/** Sets a hop's CPU burst (on its node's cores), post-response work and delay from its mean costs. */
export function setHopCosts(
  hop: HopSpec,
  cpuClass: HopKind['cpuClass'],
  node: number,
  costs: HopCosts,
  cpuCv: number,
  delayCv: number,
): void {
  const { cpu, post } = costs;
  if (cpuClass !== 'none' && (cpu > 0 || post > 0)) {
    hop.cpu = sharedCpu(
      stationId.cpu(node),
      dist(cpu, cpuCv),
      cpuClass === 'kernel' ? 'kernel' : 'container',
    );
    if (post > 0) hop.post = dist(post, cpuCv);
  }
  const delay = costs.onPath - cpu;
  if (delay > 1e-12) hop.delay = dist(delay, delayCv);
}

/** A cost's distribution: one object for every hop with the same mean and cv (sharedCosts.ts). */
export function dist(mean: number, cv: number): Distribution {
  return sharedDist(mean, cv);
}
