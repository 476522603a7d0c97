import { describe, expect, it } from 'vitest';
import failures from '../../../models/presets/failures-and-retries.json';
import { OUTCOME_NAMES } from '../../engine';
import { OUTCOMES } from '../../ui/simulate/eventFilter';
import { TraceSession } from './session';

// The "Failures, timeouts and retries" preset exists to show failed tries in the trace view: its
// fixed seed must put all three failure outcomes in the very first request, in every design it lists.
describe('failures preset', () => {
  it('shows a dropped, a retried and a timed-out try in request #0 (sidecar Envoy)', () => {
    const s = new TraceSession(failures, 'sidecar-envoy', 'trace');
    const first = s.requestRecords(0);
    const outcomes = new Set(first.map((r) => r.outcome));
    expect([...outcomes].sort()).toEqual(['dropped', 'forwarded', 'queued', 'retried', 'timed out']);
    // The lost try is dropped at the injected-loss hop, then retried by the caller's sidecar.
    const dropped = first.find((r) => r.outcome === 'dropped')!;
    expect(s.layout.hops[dropped.hop].label).toMatch(/20 % injected loss/);
    const retried = first.find((r) => r.outcome === 'retried')!;
    expect(retried.leave).toBe(dropped.leave);
    // A timed-out record spans its whole try: 0.4 ms from the try's start.
    const timedOut = first.find((r) => r.outcome === 'timed out')!;
    expect(timedOut.leave - timedOut.enter).toBeCloseTo(400, 6);
    expect(timedOut.cpu).toBe(0);
  });

  it('runs in every design it lists, and each sees failed tries within its 30 requests', () => {
    for (const arch of failures.architectures) {
      const s = new TraceSession(failures, arch, 'trace');
      expect(s.layout.architectures.find((a) => a.id === arch)?.runnable, arch).toBe(true);
      const got = new Set<string>();
      for (let seq = 0; seq < 30; seq++) for (const r of s.requestRecords(seq)) got.add(r.outcome);
      expect(got.has('dropped') && got.has('retried'), arch).toBe(true);
    }
  });

  it('the event list offers every outcome the engine records', () => {
    expect(OUTCOMES).toEqual(OUTCOME_NAMES);
  });
});
