import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import { runComparison } from '../../engine/compare';
import { toComparisonView } from '../../engine/scenario/view';
import { createCompareSession, type CompareSnapshot } from '../../machines/compare/session';
import { parseScenario } from '../../model/valid';
import { fakeWorker } from '../../test/fakeWorker';
import { connectEngineClient } from '../../worker/client';
import { engineActors } from './engineActors';

const scenario = parseScenario({
  ...bench,
  architectures: ['sidecar-envoy', 'ambient'],
  run: { warmupRequests: 100, measuredRequests: 1_000 },
});

describe('specs sent ahead', () => {
  it('each design’s spec reaches every worker while the page still estimates; the runs then name them by key', async () => {
    let phase: CompareSnapshot['phase'] = 'estimating';
    const workers = [fakeWorker(), fakeWorker()];
    const posted: { type: string; phase: string; inline: boolean }[][] = [[], []];
    workers.forEach((w, i) => {
      const post = w.postMessage;
      w.postMessage = (m, transfer) => {
        const msg = m as { type: string; designs?: { spec?: unknown }[] };
        posted[i].push({
          type: msg.type,
          phase,
          inline: msg.designs?.some((d) => d.spec !== undefined) ?? false,
        });
        post(m, transfer);
      };
    });
    const clients = workers.map((w) => connectEngineClient(w));
    // Yielding through timers, as the page does, so the specs' own tasks run between analysis slices.
    const session = createCompareSession({
      scenario,
      replications: 2,
      precision: null,
      workers: 2,
      actors: engineActors(clients, () => new Promise((r) => setTimeout(r, 0))),
    });
    const done = await new Promise<CompareSnapshot>((resolve) => {
      const off = session.subscribe((s) => {
        phase = s.phase;
        if (s.simulated) {
          off();
          resolve(s);
        }
      });
    });
    session.cancel();
    for (const sent of posted) {
      const specs = sent.filter((m) => m.type === 'spec');
      expect(specs).toHaveLength(3); // no-mesh, the baseline, and the two designs
      expect(specs.every((m) => m.phase === 'estimating')).toBe(true);
      const compare = sent.find((m) => m.type === 'compare')!;
      expect(compare).toEqual({ type: 'compare', phase: 'running', inline: false });
    }
    expect(JSON.stringify(done.result)).toBe(
      JSON.stringify(toComparisonView(runComparison(scenario, { replications: 2 }))),
    );
    session.stop();
  });
});
