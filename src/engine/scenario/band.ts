import type { BandPoint, DesignEstimate } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';
import type { CompiledScenario } from './compileScenario';
import { arrivalRate, cpuOf, type BandVariant, type DesignEstimateParts } from './designEstimate';
import { evaluateSteps, prepareSteps, type Prepared } from './estimateModel';
import { ledgerFromPlan } from './ledger';
import { recostCompiledSteps } from './recost';
import { StepBudget } from './stepBudget';

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
  budget = new StepBudget(),
): Generator<void, Pick<DesignEstimate, 'band' | 'sensitivity'>, void> {
  const run = function* (profile: Scenario['profile']): Generator<void, BandCore, void> {
    return profile === s.profile ? at.core : yield* variantSteps(compiled, profile, at, budget);
  };
  const low = yield* run('low');
  yield;
  const high = yield* run('high');
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
 * The band's figures at `profile`: the design re-costed there (recost.ts), estimated on the design's
 * own network. Its CPU and ledger costs do not depend on the load, so a design reused for a change of
 * load (reuse.ts) keeps those of the design it was reused from and only evaluates the latency again, on
 * that variant's model with this spec's load. What is kept is the variant's model (without its hops)
 * and figures, not the variant itself (a 400-pod design's hops are megabytes).
 */
function* variantSteps(
  c: CompiledScenario,
  profile: Scenario['profile'],
  at: DesignEstimateParts,
  budget: StepBudget,
): Generator<void, BandCore, void> {
  const prior = at.band.get(profile);
  let kept: BandVariant;
  if (prior && prior.model.net.routes === at.model.net.routes) {
    const { seed, load, run, recordCapacity } = c.spec;
    kept = {
      ...prior,
      model: yield* prepareSteps(
        { ...prior.model.spec, seed, load, run, recordCapacity },
        prior.model,
        budget,
      ),
    };
  } else {
    const variant = yield* recostCompiledSteps(c, profile, budget);
    const model = yield* prepareSteps(variant.spec, at.model, budget);
    const cpuTotal = cpuOf(variant.spec, variant.hops, model).cpuTotal;
    if (budget.spend('numeric', variant.hops.length)) yield;
    kept = {
      // Kept without the variant's hops (megabytes for 400 pods): evaluating reads only their count.
      model: {
        ...model,
        spec: { ...model.spec, hops: new Array<Prepared['spec']['hops'][number]>(model.spec.hops.length) },
      },
      cpuTotal,
      // Waits are not part of a hop's cost range (see bandSteps): left at 0.
      ledger: ledgerFromPlan(variant, at.plan, {
        visits: (h) => model.visits[h],
        serviceUs: (h) => model.cpu[h] + model.delay[h],
        waitUs: () => 0,
      }),
    };
    if (budget.spend('numeric', at.plan.order.length)) yield;
  }
  at.band.set(profile, kept);
  const ev = yield* evaluateSteps(kept.model, arrivalRate(kept.model, undefined).lambda, false, budget);
  return {
    meanLatencyUs: ev.saturated ? Infinity : ev.latency,
    cpuTotal: kept.cpuTotal,
    ledger: kept.ledger,
  };
}
