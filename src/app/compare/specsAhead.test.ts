import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import { runComparison } from '../../engine/compare';
import { toComparisonView } from '../../engine/scenario/view';
import { createCompareSession, type CompareSnapshot } from '../../machines/compare/session';
import { parseScenario } from '../../model/valid';
import { fakeWorker } from '../../test/fakeWorker';
import { connectEngineClient } from '../../worker/client';
import { analyseOnPage, engineActors, specsAhead } from './engineActors';

const scenario = parseScenario({
  ...bench,
  architectures: ['sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});

describe('specs sent ahead', () => {
  it('each design’s spec reaches every worker while the page still estimates, whole once, then only a new load and run after a change of rate; the runs name them by key', async () => {
    let phase: CompareSnapshot['phase'] = 'estimating';
    const workers = [fakeWorker(), fakeWorker()];
    const posted: { type: string; phase: string; inline: boolean; whole?: boolean }[][] = [[], []];
    workers.forEach((w, i) => {
      const post = w.postMessage;
      w.postMessage = (m, transfer) => {
        const msg = m as { type: string; spec?: unknown; designs?: { spec?: unknown }[] };
        posted[i].push({
          type: msg.type,
          phase,
          inline: msg.designs?.some((d) => d.spec !== undefined) ?? false,
          ...(msg.type === 'spec' ? { whole: msg.spec !== undefined } : {}),
        });
        post(m, transfer);
      };
    });
    const clients = workers.map((w) => connectEngineClient(w));
    // The page's actors, yielding through timers after every analysis step (slices of 0 ms), so the
    // specs' own tasks run between steps however fast this machine estimates.
    const pause = () => new Promise<void>((r) => setTimeout(r, 0));
    const session = createCompareSession({
      scenario,
      replications: 2,
      precision: null,
      workers: 2,
      actors: {
        ...engineActors(clients, pause),
        analyse: analyseOnPage(undefined, pause, undefined, 0, specsAhead(clients)),
      },
    });
    const simulated = () =>
      new Promise<CompareSnapshot>((resolve) => {
        const off = session.subscribe((s) => {
          phase = s.phase;
          if (s.simulated) {
            off();
            resolve(s);
          }
        });
      });
    const done = await simulated();
    session.cancel();
    for (const sent of posted) {
      const specs = sent.filter((m) => m.type === 'spec');
      expect(specs).toHaveLength(3); // no-mesh, the baseline, and the two designs
      expect(specs.every((m) => m.phase === 'estimating' && m.whole)).toBe(true);
      const compare = sent.find((m) => m.type === 'compare')!;
      expect(compare).toEqual({ type: 'compare', phase: 'running', inline: false });
    }
    expect(JSON.stringify(done.result)).toBe(
      JSON.stringify(toComparisonView(runComparison(scenario, { replications: 2 }))),
    );

    // A change of rate reuses the designs: each worker is sent the new load and run, not the specs.
    posted.forEach((p) => (p.length = 0));
    const faster = parseScenario({
      ...scenario,
      workload: { ...scenario.workload, load: { ...scenario.workload.load, rps: 1_200 } },
    });
    session.setScenario(faster);
    phase = 'estimating';
    const again = await simulated();
    session.cancel();
    for (const sent of posted) {
      const specs = sent.filter((m) => m.type === 'spec');
      expect(specs.map((m) => m.whole)).toEqual([false, false, false]);
      expect(sent.find((m) => m.type === 'compare')).toMatchObject({ phase: 'running', inline: false });
    }
    expect(JSON.stringify(again.result)).toBe(
      JSON.stringify(toComparisonView(runComparison(faster, { replications: 2 }))),
    );
    session.stop();
  });
});
