import { estimated } from '../../model/comparison';
import { simulated } from '../../model/comparison';
import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import { runComparison } from '../../engine/compare';
import { estimateScenario } from '../../engine/scenario/estimate';
import { toComparisonView } from '../../engine/scenario/view';
import { ScenarioSchema } from '../../model/scenario';
import { cpuTotal, figuresOf, headline, signedMs, signedVcpu } from './figures';

// No mesh unticked: still simulated and estimated as the baseline, just not among the results shown.
const run = { warmupRequests: 50, measuredRequests: 800 };
const without = ScenarioSchema.parse({ ...bench, architectures: ['sidecar-envoy'], run });
const withBase = ScenarioSchema.parse({ ...bench, architectures: ['no-mesh', 'sidecar-envoy'], run });

describe('headlines with the no-mesh baseline not shown', () => {
  const est = estimateScenario(without);
  const envoyEst = est.results[0]!;
  const shownEst = estimateScenario(withBase);

  it('carries the added CPU in the estimate, equal to the difference when no mesh is shown', () => {
    const [base, envoy] = figuresOf(shownEst, null);
    expect(estimated(envoyEst).addedCpu).toBeGreaterThan(0);
    expect(estimated(envoyEst).addedCpu).toBeCloseTo(cpuTotal(envoy!)! - cpuTotal(base!)!, 12);
  });

  it('keeps the vCPU figure and says the baseline is not shown, before and after the simulation', () => {
    const before = figuresOf(est, null)[0]!;
    expect(headline(before, undefined)).toBe(
      `${signedMs(estimated(envoyEst).addedMeanUs!)} mean and ${signedVcpu(estimated(envoyEst).addedCpu!)} vCPU per 1000 rps vs no mesh (analytic estimate; the baseline is not shown).`,
    );
    const view = toComparisonView(runComparison(without, { replications: 2 }));
    const after = figuresOf(est, view)[0]!;
    expect(headline(after, undefined)).toBe(
      `${signedMs(simulated(view.results[0]).added!.p99.mean)} p99 and ${signedVcpu(estimated(envoyEst).addedCpu!)} vCPU per 1000 rps (analytic estimate) vs no mesh (the baseline, not shown).`,
    );
  });
});
