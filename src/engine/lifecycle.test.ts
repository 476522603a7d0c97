import { describe, expect, it } from 'vitest';
import failures from '../../models/presets/failures-and-retries.json';
import fanOut from '../../models/presets/fan-out-under-load.json';
import { compileScenario } from './scenario/compileScenario';
import { ENDINGS, HOP_LIFECYCLE, LIFECYCLE_OUTCOMES } from './lifecycle';
import { OUTCOME_NAMES } from './records';
import { Simulation } from './simulation';

/** Outcomes of every record of a whole run. */
function outcomes(scenario: unknown, arch: string): Set<string> {
  const spec = compileScenario(scenario as never, arch as never).spec;
  const sim = new Simulation({ ...spec, recordCapacity: 2_000_000 });
  sim.run();
  return new Set(sim.records.toArray().map((r) => r.outcome));
}

describe('the hop lifecycle table', () => {
  it('names only methods the engine has, so a rename keeps the table true', () => {
    const proto = Simulation.prototype as unknown as Record<string, unknown>;
    for (const t of HOP_LIFECYCLE)
      expect(typeof proto[t.by], `${t.from} → ${t.to} by ${t.by}`).toBe('function');
  });

  it('every state is reached from "entered", and every ending writes an outcome records know', () => {
    const reached = new Set(['entered']);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of HOP_LIFECYCLE)
        if (reached.has(t.from) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
    }
    const states = new Set(HOP_LIFECYCLE.flatMap((t) => [t.from, t.to]));
    expect([...states].filter((s) => !reached.has(s))).toEqual([]);
    expect([...LIFECYCLE_OUTCOMES].sort()).toEqual([...OUTCOME_NAMES].sort());
    for (const [state, outcome] of Object.entries(ENDINGS)) {
      expect(states.has(state as never), state).toBe(true);
      expect(OUTCOME_NAMES).toContain(outcome);
    }
  });

  it('runs produce exactly the outcomes the table ends in: failures give dropped, timed out and retried; load gives queued', () => {
    const seen = new Set([
      ...outcomes(failures, 'sidecar-envoy'),
      ...outcomes({ ...fanOut, run: { warmupRequests: 100, measuredRequests: 2000 } }, 'sidecar-envoy'),
    ]);
    expect([...seen].sort()).toEqual([...LIFECYCLE_OUTCOMES].sort());
  });
});
