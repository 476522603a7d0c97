import { describe, expect, it, vi } from 'vitest';
import { createActor, toPromise } from 'xstate';
import bench from '../../../models/presets/istio-benchmark.json';
import { parseScenario } from '../../model/valid';
import { analyseOnPage } from './engineActors';

// Record when the analysis's steps are made (making them reads the shipped models, whose first read
// parses the catalogs), against the actor's yields. Replaces a module: listed in vite.config.ts's
// MOCKING_FILES, so it runs with modules loaded afresh.
const { events, noted } = vi.hoisted(() => {
  const events: string[] = [];
  /** `f`, recording `event` at each call. */
  const noted =
    <A extends unknown[], R>(event: string, f: (...a: A) => R) =>
    (...a: A): R => {
      events.push(event);
      return f(...a);
    };
  return { events, noted };
});
vi.mock('../../engine', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../engine')>();
  return { ...orig, analyseSteps: noted('steps made', orig.analyseSteps) };
});

// And when each shipped catalog is first read (validated), to see the first read spread over steps.
vi.mock('../../model/catalogs', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../model/catalogs')>();
  return {
    ...orig,
    loadCitations: noted('citations read', orig.loadCitations),
    loadHopCatalog: noted('hop kinds read', orig.loadHopCatalog),
  };
});
vi.mock('../../model/architectures', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../model/architectures')>();
  return { ...orig, loadArchitectures: noted('architectures read', orig.loadArchitectures) };
});

describe('the analysis on the page', () => {
  it('reads the shipped models and makes its steps after the first yield, not in the task that started it', async () => {
    const scenario = parseScenario({ ...bench, architectures: ['sidecar-envoy'] });
    const actor = createActor(
      analyseOnPage(undefined, () => {
        events.push('yield');
        return Promise.resolve();
      }),
      { input: { scenario } },
    );
    actor.start();
    // Started: nothing made or read yet, in the task that started it.
    expect(events).toEqual(['yield']);
    const out = await toPromise(actor);
    expect(out.status).toBe('done');
    // The shipped catalogs are read first, each in a step of its own; then the steps are made.
    const read = events.filter((e) => e.endsWith(' read'));
    expect(read).toEqual(['citations read', 'hop kinds read', 'architectures read']);
    expect(events.indexOf('steps made')).toBeGreaterThan(events.indexOf('architectures read'));
  });

  it('reads the shipped catalogs a step at a time: a yield between each when slices are short', async () => {
    // The first test read them; this one reads them afresh through a new module instance.
    vi.resetModules();
    events.length = 0;
    const { analyseOnPage: fresh } = await import('./engineActors');
    const { parseScenario: parse } = await import('../../model/valid');
    const scenario = parse({ ...bench, architectures: ['sidecar-envoy'] });
    const actor = createActor(
      fresh(
        undefined,
        () => {
          events.push('yield');
          return Promise.resolve();
        },
        () => 0,
        -1, // every step ends its slice
      ),
      { input: { scenario } },
    );
    actor.start();
    expect((await toPromise(actor)).status).toBe('done');
    expect(events.slice(0, 6)).toEqual([
      'yield',
      'citations read',
      'yield',
      'hop kinds read',
      'yield',
      'architectures read',
    ]);
  });
});
