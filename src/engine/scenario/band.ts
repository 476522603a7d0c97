import type { BandPoint, DesignEstimate } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';
import { vouchSimSpec } from '../../model/valid';
import type { CompiledScenario } from './compileScenario';
import { arrivalRate, cpuOf, type DesignEstimateParts } from './designEstimate';
import { evaluate, prepare, type Prepared } from './estimateModel';
import { ledgerFromPlan } from './ledger';
import { recostCompiled } from './recost';

/** How many hops the sensitivity list names. */
export const SENSITIVE_HOPS = 5;

/** What the band reads of an estimate at a profile: its mean latency, CPU, and each ledger entry's cost. */
type BandCore = Pick<DesignEstimate, 'meanLatencyUs' | 'cpuTotal' | 'ledger'>;

/**
 * The estimate at the low and high cost profiles, and the hops whose cost range matters most. Each
 * variant is the design re-costed at that profile (recost.ts: equal to compiling it there), estimated
 * on the design's own network, visits and ledger plan; only what the band shows is computed. It yields
 * after each variant.
 */
export function* bandSteps(
  s: Pick<Scenario, 'profile'>,
  compiled: CompiledScenario,
  at: DesignEstimateParts,
): Generator<void, Pick<DesignEstimate, 'band' | 'sensitivity'>, void> {
  const run = (profile: Scenario['profile']): BandCore => {
    if (profile === s.profile) return at.core;
    const variant = variantAt(compiled, profile, at);
    return bandCore(variant.compiled, variant.model, at);
  };
  const low = run('low');
  yield;
  const high = run('high');
  const point = (c: BandCore): BandPoint => ({
    meanLatencyUs: c.meanLatencyUs,
    cpu: c.cpuTotal.container + c.cpuTotal.kernel,
  });
  // A hop kind's own cost range (its service time, low → high). Queueing is left out: a wait shows up
  // at the hop that waits, not at the hops whose work (e.g. post-response telemetry) caused it.
  const cost = (c: BandCore) => new Map(c.ledger.map((l) => [l.key, l.visits * l.serviceUs]));
  const lo = cost(low);
  // Summed by hop kind: "the proxies" or "the wire", wherever on the path they sit.
  const byKind = new Map<
    string,
    { key: string; label: string; kind: string; call: string; spreadUs: number }
  >();
  for (const l of high.ledger) {
    const spread = l.visits * l.serviceUs - (lo.get(l.key) ?? 0);
    const e = byKind.get(l.kind) ?? { key: l.kind, label: l.name, kind: l.kind, call: l.call, spreadUs: 0 };
    e.spreadUs += spread;
    byKind.set(l.kind, e);
  }
  const sensitivity = [...byKind.values()]
    .filter((x) => x.spreadUs > 0)
    .sort((x, y) => y.spreadUs - x.spreadUs)
    .slice(0, SENSITIVE_HOPS);
  return { band: { low: point(low), high: point(high) }, sensitivity };
}

/**
 * A re-costed design's mean latency, CPU and ledger: the figures the full estimate (designEstimate.ts)
 * computes, with the same sums in the same order, and nothing else.
 */
function bandCore(c: CompiledScenario, model: Prepared, at: DesignEstimateParts): BandCore {
  const ev = evaluate(model, arrivalRate(model, undefined).lambda);
  return {
    meanLatencyUs: ev.saturated ? Infinity : ev.latency,
    cpuTotal: cpuOf(c.spec, c.hops, model).cpuTotal,
    // Waits are not part of a hop's cost range (see bandSteps): left at 0.
    ledger: ledgerFromPlan(c, at.plan, {
      visits: (h) => model.visits[h],
      serviceUs: (h) => model.cpu[h] + model.delay[h],
      waitUs: () => 0,
    }),
  };
}

/**
 * The design re-costed at `profile` and its model. A design reused for a change of load (reuse.ts) has
 * the variants of the design it was reused from: the same hops with this spec's header (what
 * re-costing the reused design gives, since re-costing changes only hops and reusing only the header).
 */
function variantAt(
  compiled: CompiledScenario,
  profile: Scenario['profile'],
  at: DesignEstimateParts,
): { compiled: CompiledScenario; model: Prepared } {
  const prior = at.band.get(profile);
  let variant: CompiledScenario;
  if (prior && prior.compiled.spec.routes === compiled.spec.routes) {
    const { seed, load, run, recordCapacity } = compiled.spec;
    variant = {
      ...prior.compiled,
      spec: vouchSimSpec({ ...prior.compiled.spec, seed, load, run, recordCapacity }),
    };
  } else variant = recostCompiled(compiled, profile);
  const model = prepare(variant.spec, prior?.model ?? at.model);
  at.band.set(profile, { compiled: variant, model });
  return { compiled: variant, model };
}
