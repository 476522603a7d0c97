import { describe, expect, it } from 'vitest';
import fanOutPreset from '../../../models/presets/fan-out-under-load.json';
import oneRequest from '../../../models/presets/one-request-slowly.json';
import { replayTo, Simulation } from '../../engine';
import { mulberry32 } from '../../test/prng';
import { createTraceHandler } from './handler';
import { RECORD_STRIDE, unpackRecords, type TraceRecord, type TraceReply } from './protocol';
import { stationState, TraceSession } from './session';

/** The fan-out preset, shortened so a full run's records fit in memory for comparison. */
const fanOut = { ...fanOutPreset, run: { warmupRequests: 200, measuredRequests: 1500 } };

const key = (r: TraceRecord) => `${r.request}/${r.hop}/${r.enter}`;

/**
 * Every record of a full run, from the same spec with a ring big enough to hold them all. The run is
 * deterministic, so one run per spec serves every test (they only read it; a frozen copy each).
 */
function fullRun(s: TraceSession): TraceRecord[] {
  const spec = { ...s.spec, recordCapacity: 2_000_000 };
  const id = JSON.stringify(spec);
  let records = fullRuns.get(id);
  if (!records) {
    const sim = new Simulation(spec);
    sim.run();
    records = Object.freeze(sim.records.toArray());
    fullRuns.set(id, records);
  }
  return [...records];
}
const fullRuns = new Map<string, readonly TraceRecord[]>();

/** Streams the whole run in windows of `step` µs and returns everything received. */
function streamAll(
  s: TraceSession,
  step: number,
  skipIdle: boolean,
  from = 0,
  stride = 1,
  maxRecords?: number,
): TraceRecord[] {
  const got: TraceRecord[] = [];
  let t = from;
  for (let n = 0; n < 1_000_000; n++) {
    const c = s.chunk(t, t + step, 0, skipIdle, stride, maxRecords);
    if (maxRecords !== undefined) expect(c.records.length).toBeLessThanOrEqual(maxRecords);
    got.push(...c.records);
    expect(c.to).toBeGreaterThanOrEqual(t);
    t = c.to;
    if (c.done) break;
  }
  return got;
}

describe('trace session: layout', () => {
  it('shows the components each architecture has', () => {
    const sidecar = new TraceSession(oneRequest, 'sidecar-envoy', 'trace').layout;
    expect(sidecar.pods.map((p) => [p.id, p.node, p.sidecar])).toEqual([
      ['loadgen', 0, true],
      ['server-0', 1, true],
    ]);
    expect(sidecar.nodeProxies).toEqual([]);
    expect(sidecar.links).toEqual([{ a: 0, b: 1, protection: 'mtls' }]);
    expect(sidecar.nodes.map((n) => n.hooks)).toEqual([['netfilter'], ['netfilter']]);

    const plain = new TraceSession(oneRequest, 'no-mesh', 'trace').layout;
    expect(plain.pods.every((p) => !p.sidecar)).toBe(true);
    expect(plain.links).toEqual([{ a: 0, b: 1, protection: 'plain' }]);

    const ambient = new TraceSession(oneRequest, 'ambient', 'trace').layout;
    expect(ambient.pods.every((p) => !p.sidecar)).toBe(true);
    expect(ambient.nodeProxies).toEqual([
      { node: 0, name: 'ztunnel' },
      { node: 1, name: 'ztunnel' },
    ]);
    expect(ambient.links[0].protection).toBe('mtls');

    const waypoint = new TraceSession(oneRequest, 'ambient-waypoint', 'trace').layout;
    expect(waypoint.pods.filter((p) => p.role === 'waypoint').map((p) => p.id)).toEqual(['waypoint-default']);

    const cilium = new TraceSession(oneRequest, 'cilium-ebpf', 'trace').layout;
    expect(cilium.nodes.flatMap((n) => n.hooks)).toContain('ebpf-tc');
    expect(cilium.nodes.flatMap((n) => n.hooks)).not.toContain('netfilter');
  });

  it('gives each hop its route neighbour, resources and, for wires, the nodes joined', () => {
    const l = new TraceSession(oneRequest, 'sidecar-envoy', 'trace').layout;
    const first = l.hops.find((h) => h.leg === 'request' && h.prev === -1)!;
    expect(first).toMatchObject({ fromPod: 'loadgen', toPod: 'server-0', actor: 'app' });
    expect(l.stations[first.pool].id).toBe('app:loadgen');
    expect(l.stations[first.cpu].id).toBe('cpu:n0');
    const wires = l.hops.filter((h) => h.actor === 'wire');
    expect(wires.map((w) => [w.leg, w.wire])).toEqual([
      ['request', [0, 1]],
      ['response', [1, 0]],
    ]);
    // prev links form one chain per leg (the handler sits between the request and response legs)
    for (const h of l.hops)
      if (h.prev >= 0 && h.leg !== 'handler' && l.hops[h.prev].leg !== 'handler')
        expect(l.hops[h.prev].id.split('/')[0]).toBe(h.id.split('/')[0]);
    const handler = l.hops.find((h) => h.leg === 'handler')!;
    expect(l.hops[handler.prev].label).toBe('app read()');
    expect(l.hops.find((h) => h.prev === l.hops.indexOf(handler))!.label).toBe('app write() the response');
  });

  it('lists every architecture and says which cannot run the scenario', () => {
    const l = new TraceSession(oneRequest, 'no-mesh', 'trace').layout;
    expect(l.architectures.map((a) => a.id)).toContain('ambient-waypoint');
    const grpc = l.architectures.find((a) => a.id === 'proxyless-grpc')!;
    expect(grpc.runnable).toBe(false); // the preset speaks HTTP/1.1
    expect(grpc.reason).toMatch(/gRPC/i);
  });
});

describe('trace session: streaming and replay', () => {
  it('streams exactly the records of a full run, each once, in windows (idle skipped)', () => {
    const s = new TraceSession(oneRequest, 'sidecar-envoy', 'trace');
    const all = fullRun(s);
    const got = streamAll(s, 200, true);
    expect(got.map(key).sort()).toEqual(all.map(key).sort());
    expect(got.length).toBe(20 * 42);
  });

  it('skipping idle time ends a window at the next hop, and says where the idle stretch began', () => {
    const s = new TraceSession(oneRequest, 'sidecar-envoy', 'trace');
    const first = fullRun(s).reduce((m, r) => Math.min(m, r.enter), Infinity);
    const c = s.chunk(0, 100, 0, true);
    expect(c.idleFrom).toBe(100);
    expect(c.to).toBe(first);
    expect(c.records).toEqual([]);
  });

  it('under load, the stream gives the same records as a full run (requests sampled)', () => {
    const s = new TraceSession(fanOut, 'sidecar-envoy', 'load');
    const k = s.layout.run.sampleEvery;
    const all = fullRun(s).filter((r) => r.request % k === 0);
    const got = streamAll(s, 2_000, false);
    expect(new Set(got.map(key)).size).toBe(got.length);
    expect(got.map(key).sort()).toEqual(all.map(key).sort());
  });

  it('a cap on records per reply ends windows early; together they give every record, each once', () => {
    const s = new TraceSession(fanOut, 'sidecar-envoy', 'load');
    const k = s.layout.run.sampleEvery;
    const all = fullRun(s).filter((r) => r.request % k === 0);
    // Windows of 50 ms hold thousands of records here: a cap of 300 splits every one of them.
    const got = streamAll(s, 50_000, false, 0, 1, 300);
    expect(got.length).toBe(all.length);
    expect(got.map(key).sort()).toEqual(all.map(key).sort());
  });

  it('a stride keeps whole requests, every (sampleEvery × stride)-th, nested in those of a smaller stride', () => {
    const s = new TraceSession(fanOut, 'sidecar-envoy', 'load');
    const k = s.layout.run.sampleEvery;
    const all = fullRun(s);
    const by4 = streamAll(s, 20_000, false, 0, 4);
    expect(by4.map(key).sort()).toEqual(
      all
        .filter((r) => r.request % (4 * k) === 0)
        .map(key)
        .sort(),
    );
    // Back to stride 2 where the stream stands: the requests thinned away come back (a replay).
    const at = s.chunk(0, 10_000, 0, false, 4).to;
    const c = s.chunk(at, at + 10_000, 0, false, 2);
    const want = all.filter((r) => r.request % (2 * k) === 0 && r.enter < c.to && r.leave >= at);
    expect(c.records.map(key).sort()).toEqual(want.map(key).sort());
    expect(c.records.some((r) => r.request % (4 * k) !== 0)).toBe(true);
  });

  it('a capped history window keeps the records nearest its end and says where it starts', () => {
    const s = new TraceSession(fanOut, 'sidecar-envoy', 'load');
    const k = s.layout.run.sampleEvery;
    const h = s.history(100_000, 400_000, 1, 500);
    expect(h.from).toBeGreaterThan(100_000);
    expect(h.to).toBe(400_000);
    const want = fullRun(s).filter((r) => r.request % k === 0 && r.enter < 400_000 && r.leave >= h.from);
    expect(h.records.map(key).sort()).toEqual(want.map(key).sort());
    // At most the cap, plus hops already in flight at the new start.
    expect(h.records.filter((r) => r.enter >= h.from).length).toBeLessThanOrEqual(500);
  });

  it('samples whole requests when there are more packets than the view draws', () => {
    const s = new TraceSession(fanOut, 'sidecar-envoy', 'load', { targetPackets: 2 });
    const k = s.layout.run.sampleEvery;
    expect(k).toBe(Math.ceil(s.layout.run.packetsInFlight / 2));
    expect(k).toBeGreaterThan(1);
    const got = s.chunk(100_000, 120_000, 0).records;
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((r) => r.request % k === 0)).toBe(true);
    const all = fullRun(s).filter((r) => r.request % k === 0 && r.enter < 120_000 && r.leave >= 100_000);
    expect(got.map(key).sort()).toEqual(all.map(key).sort());
  });

  it('a seek (a window that does not continue the stream) replays: same records overlapping it', () => {
    const s = new TraceSession(oneRequest, 'ambient', 'trace');
    const all = fullRun(s);
    const mid = all[100].enter + 1e-3; // inside a request: some hops are in flight
    s.chunk(0, 50, 0); // stream somewhere else first
    const c = s.chunk(mid, mid + 150, 0);
    const want = all.filter((r) => r.enter < mid + 150 && r.leave >= mid);
    expect(c.records.map(key).sort()).toEqual(want.map(key).sort());
    expect(c.records.some((r) => r.enter < mid && r.leave > mid)).toBe(true);
    // and the stream continues from there
    const d = s.chunk(c.to, c.to + 150, 0);
    const wantNext = all.filter((r) => r.enter >= mid + 150 && r.enter < mid + 300);
    expect(d.records.map(key).sort()).toEqual(wantNext.map(key).sort());
  });

  it('history windows come from a throw-away replay and leave the stream alone', () => {
    const s = new TraceSession(oneRequest, 'sidecar-envoy', 'trace');
    const all = fullRun(s);
    const a = s.chunk(0, 3_000_000, 0);
    const h = s.history(1_000_000, 1_000_200);
    expect(h.records.map(key).sort()).toEqual(
      all
        .filter((r) => r.enter < 1_000_200 && r.leave >= 1_000_000)
        .map(key)
        .sort(),
    );
    const b = s.chunk(a.to, a.to + 1_000_000, 0);
    expect(b.records.map(key).sort()).toEqual(
      all
        .filter((r) => r.enter >= a.to && r.enter < a.to + 1_000_000)
        .map(key)
        .sort(),
    );
  });

  it('samples resource state on the grid, equal to a replay to each sample time', () => {
    const s = new TraceSession(fanOut, 'ambient', 'load');
    const c = s.chunk(50_000, 50_500, 50);
    const n = s.layout.stations.length;
    expect(c.samples.times.length).toBe(10);
    for (const k of [0, 4, 9]) {
      const t = c.samples.times[k];
      expect(t).toBeCloseTo(50_000 + 50 * k, 6);
      const ref = stationState(replayTo(s.spec, t));
      expect(Array.from(c.samples.busy.slice(k * n, (k + 1) * n))).toEqual(Array.from(ref.busy));
      expect(Array.from(c.samples.queue.slice(k * n, (k + 1) * n))).toEqual(Array.from(ref.queue));
    }
    expect(c.samples.busy.some((b) => b > 0)).toBe(true);
  });

  it('stateAt is exact at any time, forwards or backwards', () => {
    const s = new TraceSession(fanOut, 'sidecar-envoy', 'load');
    for (const t of [80_000, 20_000, 20_010, 5_000]) {
      const ref = stationState(replayTo(s.spec, t));
      const got = s.stateAt(t);
      expect(Array.from(got.busy)).toEqual(Array.from(ref.busy));
      expect(Array.from(got.queue)).toEqual(Array.from(ref.queue));
    }
  });

  it('requestRecords gives every hop of one request', () => {
    const s = new TraceSession(fanOut, 'no-mesh', 'load');
    const all = fullRun(s).filter((r) => r.request === 300);
    const got = s.requestRecords(300);
    expect(got.length).toBeGreaterThan(0);
    expect(got.map(key).sort()).toEqual(all.map(key).sort());
  });
});

describe('trace session: seeking from checkpoints', () => {
  for (const arch of ['ambient', 'sidecar-envoy']) {
    it(`seeks, history, state and request paths equal replays from t = 0 (${arch})`, () => {
      const a = new TraceSession(fanOut, arch, 'load', { checkpoints: { firstEvery: 2000, maxCount: 12 } });
      const b = new TraceSession(fanOut, arch, 'load', { checkpoints: { maxCount: 1 } }); // every seek from t = 0
      expect(a.checkpoints.size).toBeGreaterThanOrEqual(6);
      expect(b.checkpoints.size).toBe(1);
      const k = a.layout.run.sampleEvery;
      const all = fullRun(a);
      const end = a.layout.run.endUs;
      const rnd = mulberry32(arch.length);
      for (let n = 0; n < 4; n++) {
        const t = rnd() * end;
        const c = a.chunk(t, t + 3_000, 100);
        expect(c).toEqual(b.chunk(t, t + 3_000, 100));
        const want = all.filter((r) => r.request % k === 0 && r.enter < t + 3_000 && r.leave >= t);
        expect(c.records.map(key).sort()).toEqual(want.map(key).sort());
        expect(a.chunk(c.to, c.to + 2_000, 100)).toEqual(b.chunk(c.to, c.to + 2_000, 100)); // and the stream goes on

        const h = rnd() * end;
        const hist = a.history(h, h + 500);
        expect(hist).toEqual(b.history(h, h + 500));
        expect(hist.records.map(key).sort()).toEqual(
          all
            .filter((r) => r.enter < h + 500 && r.leave >= h)
            .map(key)
            .sort(),
        );

        const at = rnd() * end;
        const ref = stationState(replayTo(a.spec, at));
        expect(a.stateAt(at)).toEqual(ref);
        expect(b.stateAt(at)).toEqual(ref);

        const seq = Math.floor(rnd() * a.layout.run.requests);
        const path = a.requestRecords(seq);
        expect(path.length).toBeGreaterThan(0);
        expect(path).toEqual(b.requestRecords(seq));
        expect(path.map(key).sort()).toEqual(
          all
            .filter((r) => r.request === seq)
            .map(key)
            .sort(),
        );
      }
    });
  }
});

describe('trace worker handler', () => {
  const run = () => {
    const out: TraceReply[] = [];
    const h = createTraceHandler((m) => out.push(m));
    return { out, h };
  };

  it('answers open, chunk, state and request, naming its session', () => {
    const { out, h } = run();
    h({ type: 'open', id: 1, scenario: oneRequest, arch: 'sidecar-envoy', view: 'trace' });
    expect(out[0]).toMatchObject({ type: 'opened', id: 1 });
    h({ type: 'chunk', id: 2, from: 0, to: 100, sampleUs: 0, mode: 'stream', skipIdle: true });
    const c = out[1];
    expect(c).toMatchObject({ type: 'chunk', id: 2, session: 1, idleFrom: 100 });
    h({
      type: 'chunk',
      id: 3,
      from: c.type === 'chunk' ? c.to : 0,
      to: 1_001_000,
      sampleUs: 100,
      mode: 'stream',
    });
    const d = out[2];
    expect(d.type === 'chunk' && d.records.length % RECORD_STRIDE).toBe(0);
    expect(d.type === 'chunk' && unpackRecords(d.records).length).toBe(42);
    h({ type: 'state', id: 4, t: 10 });
    expect(out[3]).toMatchObject({ type: 'state', id: 4, session: 1, t: 10 });
    h({ type: 'request', id: 5, seq: 0 });
    expect(out[4].type === 'request' && unpackRecords(out[4].records).length).toBe(42);
  });

  it('reports bad messages and bad scenarios with the field, and work before open', () => {
    const { out, h } = run();
    h({ type: 'chunk', id: 7, from: 0, to: 1, sampleUs: 0, mode: 'stream' });
    expect(out[0]).toEqual({ type: 'error', id: 7, message: 'No scenario is open in the trace worker.' });
    h({ type: 'warp', id: 8 });
    expect(out[1]).toMatchObject({ type: 'error', id: 8 });
    h({ type: 'open', id: 9, scenario: { ...oneRequest, seed: -1 }, arch: 'no-mesh', view: 'trace' });
    expect(out[2]).toMatchObject({ type: 'error', id: 9 });
    expect((out[2] as { message: string }).message).toMatch(/^Invalid scenario\. seed:/);
    h({ type: 'open', id: 10, scenario: oneRequest, arch: 'warp-drive', view: 'trace' });
    expect((out[3] as { message: string }).message).toMatch(/warp-drive/);
    expect(out[3]).not.toHaveProperty('unsupported');
  });

  it('says which architecture cannot run the scenario and gives the feature-matrix reasons', () => {
    const { out, h } = run();
    h({ type: 'open', id: 11, scenario: oneRequest, arch: 'proxyless-grpc', view: 'trace' });
    expect(out[0]).toMatchObject({ type: 'error', id: 11, unsupported: { architecture: 'proxyless-grpc' } });
    const reasons = out[0].type === 'error' ? (out[0].unsupported?.reasons ?? []) : [];
    expect(reasons.join(' ')).toMatch(/gRPC/);
  });
});
