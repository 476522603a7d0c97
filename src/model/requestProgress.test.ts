import { describe, expect, it } from 'vitest';
import { cumulative, soFarAt, type ProgressRecord } from './requestProgress';

const rec = (
  enter: number,
  leave: number,
  cpu: number,
  outcome = 'forwarded',
  queueWait = 0,
): ProgressRecord => ({
  enter,
  leave,
  cpu,
  queueWait,
  outcome,
});

describe('a request’s figures so far', () => {
  const request = [rec(10, 20, 4), rec(20, 35, 6, 'forwarded', 5), rec(35, 50, 3)];

  it('is nothing before the request starts, and zero CPU before its first hop ends', () => {
    expect(soFarAt(request, 5)).toBeNull();
    expect(soFarAt([], 5)).toBeNull();
    expect(soFarAt(request, 15)).toEqual({ start: 10, latencyUs: 5, cpuUs: 0, queuedUs: 0, hops: 0 });
  });

  it('counts the hops finished by t, and latency from the first hop to t', () => {
    expect(soFarAt(request, 30)).toEqual({ start: 10, latencyUs: 20, cpuUs: 4, queuedUs: 0, hops: 1 });
    expect(soFarAt(request, 35)).toEqual({ start: 10, latencyUs: 25, cpuUs: 10, queuedUs: 5, hops: 2 });
    // After the last hop the latency stops at the request's end.
    expect(soFarAt(request, 99)).toEqual({ start: 10, latencyUs: 40, cpuUs: 13, queuedUs: 5, hops: 3 });
    expect(soFarAt(request, 99)).toEqual(cumulative(request, request[2]));
  });

  it('does not end at a caller-side record (a retried try spans the try, not a hop)', () => {
    const r = [rec(10, 20, 4), rec(10, 60, 0, 'retried'), rec(20, 30, 2)];
    expect(soFarAt(r, 40)).toMatchObject({ cpuUs: 6, hops: 2, latencyUs: 30 });
  });
});
