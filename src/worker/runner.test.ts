import { describe, expect, it } from 'vitest';
import { analyticEstimate, simulate } from '../engine';
import { closedMM1, longRoute, mmc } from '../engine/fixtures';
import { runInSlices, type RunProgress } from './runner';

const spec = mmc({ lambda: 0.5, mu: 1, servers: 1, warmup: 2_000, measured: 20_000, seed: 7 });

describe('runInSlices', () => {
  it('gives exactly what simulate() gives for the same spec and seed', async () => {
    for (const s of [spec, longRoute({ hops: 20, rps: 50_000, warmup: 500, measured: 5_000, seed: 3 })]) {
      const out = await runInSlices(s, { sliceEvents: 997 });
      expect(out.status).toBe('done');
      if (out.status !== 'done') return;
      expect(JSON.stringify(out.summary)).toBe(JSON.stringify(simulate(s)));
      expect(out.analytic).toEqual(analyticEstimate(s));
    }
  });

  it('reports progress that never decreases and ends at exactly 1', async () => {
    for (const s of [
      spec,
      closedMM1({ customers: 5, mu: 1, think: 4, warmup: 1_000, measured: 10_000, seed: 2 }),
    ]) {
      const seen: RunProgress[] = [];
      await runInSlices(s, { sliceEvents: 1_000, onProgress: (p) => seen.push(p) });
      expect(seen.length).toBeGreaterThan(10);
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
        expect(seen[i].events).toBeGreaterThan(seen[i - 1].events);
        expect(seen[i].nowUs).toBeGreaterThanOrEqual(seen[i - 1].nowUs);
      }
      expect(seen.slice(0, -1).every((p) => p.fraction < 1)).toBe(true);
      expect(seen.at(-1)!.fraction).toBe(1);
      expect(seen.some((p) => p.fraction > 0.3 && p.fraction < 0.7)).toBe(true); // moves, not 0 then 1
    }
  });

  it('stops early when cancelled between slices', async () => {
    let cancelled = false;
    const seen: RunProgress[] = [];
    // Cancel from a timer, as a 'cancel' message would arrive: only a yield between slices lets it run.
    const out = await runInSlices(spec, {
      sliceEvents: 1_000,
      onProgress: (p) => {
        seen.push(p);
        if (seen.length === 3) setTimeout(() => (cancelled = true), 0);
      },
      isCancelled: () => cancelled,
    });
    expect(out).toEqual({ status: 'cancelled' });
    expect(seen.length).toBeLessThanOrEqual(4);
    expect(seen.at(-1)!.fraction).toBeLessThan(1);
  });

  it('names the field of a bad spec', async () => {
    const out = await runInSlices({ ...spec, load: { kind: 'open', rps: -5 } });
    expect(out.status).toBe('error');
    if (out.status === 'error') expect(out.message).toMatch(/^Invalid spec\. load\.rps: /);

    const missing = await runInSlices({ ...spec, stations: [{ id: 'cpu', kind: 'cpu', servers: 0 }] });
    expect(missing.status === 'error' && missing.message).toMatch(/stations\[0\]\.servers/);
  });

  it("passes on the engine's SpecError, which names the field", async () => {
    const out = await runInSlices({ ...spec, entry: 'nowhere' });
    expect(out.status).toBe('error');
    if (out.status === 'error') expect(out.message).toMatch(/^Invalid spec\. entry: /);
  });
});
