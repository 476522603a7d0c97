import { describe, expect, it, vi } from 'vitest';
import { createActor, toPromise } from 'xstate';
import bench from '../../../models/presets/istio-benchmark.json';
import { parseScenario } from '../../model/valid';
import { analyseOnPage } from './engineActors';

// Record when the analysis's steps are made (making them reads the shipped models, whose first read
// parses the catalogs), against the actor's yields. Replaces a module: listed in vite.config.ts's
// MOCKING_FILES, so it runs with modules loaded afresh.
const events: string[] = [];
vi.mock('../../engine', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../engine')>();
  return {
    ...orig,
    analyseSteps: (...args: Parameters<typeof orig.analyseSteps>) => {
      events.push('steps made');
      return orig.analyseSteps(...args);
    },
  };
});

describe('the analysis on the page', () => {
  it('makes its steps after the first yield, not in the task that started it', async () => {
    const scenario = parseScenario({ ...bench, architectures: ['sidecar-envoy'] });
    const actor = createActor(
      analyseOnPage(undefined, () => {
        events.push('yield');
        return Promise.resolve();
      }),
      { input: { scenario } },
    );
    actor.start();
    // Started: nothing made yet, in the task that started it.
    expect(events).toEqual(['yield']);
    const out = await toPromise(actor);
    expect(out.status).toBe('done');
    expect(events.slice(0, 2)).toEqual(['yield', 'steps made']);
  });
});
