import type { Scenario } from '../../model/scenario';
import type { SimSpec } from '../../model/simSpec';
import type { HopInfo } from './hopInfo';
import { ScenarioError, type Placement } from './placement';

type HopSpec = SimSpec['hops'][number];

/**
 * Applies the scenario's injected failure to compiled hops. Pod down: the first replica refuses every
 * request at the first hop on its side (the caller sees a connection error). Loss: requests to the
 * service fail there with the given probability. Delay: the service's handler takes longer.
 */
export function injectFailure(s: Scenario, placement: Placement, hops: HopSpec[], info: HopInfo[]): void {
  const f = s.failure;
  if (f.kind === 'none') return;
  const pods = placement.byService.get(f.service);
  if (!pods) throw new ScenarioError('failure.service', `unknown service '${f.service}'`);
  if (f.kind === 'delay') {
    for (const pod of pods) {
      const i = info.findIndex((h) => h.id === `handler:${pod.id}`);
      const hop = hops[i];
      hop.delay = hop.delay ? shift(hop.delay, f.addedUs) : { kind: 'deterministic', value: f.addedUs };
      info[i].onPathUs += f.addedUs;
      info[i].label = `${info[i].label} (+${f.addedUs} µs injected delay)`;
    }
    return;
  }
  const targets = new Set((f.kind === 'pod-down' ? pods.slice(0, 1) : pods).map((p) => p.id));
  const probability = f.kind === 'pod-down' ? 1 : f.probability;
  // The first server-side hop of each request leg into a target pod.
  const seen = new Set<string>();
  info.forEach((h, i) => {
    if (h.leg !== 'request' || h.side !== 'server' || !targets.has(h.pod)) return;
    const leg = h.id.slice(0, h.id.lastIndexOf('/'));
    if (seen.has(leg)) return;
    seen.add(leg);
    hops[i].failure = probability;
    info[i].label =
      f.kind === 'pod-down'
        ? `${info[i].label} — pod down: connection refused`
        : `${info[i].label} — ${Math.round(probability * 100)} % injected loss`;
  });
}

/** The distribution moved right by `added` µs, keeping its spread (exactly, or mean and SD for lognormal-shaped ones). */
function shift(d: NonNullable<HopSpec['delay']>, added: number): NonNullable<HopSpec['delay']> {
  switch (d.kind) {
    case 'deterministic':
      return { kind: 'deterministic', value: d.value + added };
    case 'empirical':
      return { ...d, values: d.values.map((v) => v + added) };
    case 'exponential':
      return { kind: 'lognormal', mean: d.mean + added, cv: d.mean / (d.mean + added) };
    case 'lognormal':
      return { kind: 'lognormal', mean: d.mean + added, cv: (d.cv * d.mean) / (d.mean + added) };
  }
}
