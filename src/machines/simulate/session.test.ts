import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESETS } from '../../model/presets';
import { simulateHarness } from '../../test/simulateHarness';
import { DEFAULT_SLOWDOWN } from './sessionMachine';

/**
 * The Simulate session driven headless: a trace "worker" answering from real trace sessions in this
 * process, and a clock the test advances by hand (src/test/simulateHarness.ts).
 */
const harness = simulateHarness;

describe('Simulate session', () => {
  it('opens the trace, then plays on the injected clock and pauses', async () => {
    const h = harness();
    expect(h.session.snapshot().status).toBe('loading');
    await h.ready();
    const s = h.session.snapshot();
    expect(s.status).toBe('ready');
    expect(s.slowdown).toBe(DEFAULT_SLOWDOWN.trace);
    expect(s.t).toBe(0);
    h.session.play();
    expect(h.session.snapshot().playing).toBe(true);
    // 1 s of think time before the first request: idle time is skipped to 0.3 s on screen before it.
    h.tickBy(16);
    const afterSkip = h.session.snapshot().t;
    expect(afterSkip).toBe(1_000_000 - 300 * (1000 / 10_000));
    h.tickBy(50);
    expect(h.session.snapshot().t).toBeCloseTo(afterSkip + 50 * 0.1, 9);
    h.session.pause();
    h.tickBy(50);
    expect(h.session.snapshot().playing).toBe(false);
    expect(h.session.snapshot().t).toBeCloseTo(afterSkip + 5, 9);
    h.session.dispose();
  });

  it('steps to the next hop entry, back to the previous one, and seeks', async () => {
    const h = harness();
    await h.ready();
    const first = h.current().requestRecords(0);
    const enters = [...new Set(first.map((r) => r.enter))].sort((a, b) => a - b);
    // The first request is sent after 1 s of think time: the first step lands on its first hop.
    // A step may wait for the stream (the step completes when its data arrives): settle after each.
    const step = async (back = false) => {
      if (back) h.session.stepBack();
      else h.session.step();
      await h.settle();
      return h.session.snapshot().t;
    };
    expect(enters[0]).toBe(1_000_000);
    expect(await step()).toBe(enters[0]);
    expect(await step()).toBe(enters[1]);
    expect(await step()).toBe(enters[2]);
    expect(await step(true)).toBe(enters[1]);
    h.session.seek(5_000_000 + 120);
    expect(h.session.snapshot().t).toBe(5_000_120);
    await h.settle();
    // After a seek the buffer is restreamed there; a step back finds request #4's... or #3's last hop.
    const prev = h
      .current()
      .requestRecords(4)
      .filter((r) => r.enter < 5_000_120);
    h.session.stepBack();
    await h.settle();
    const want = prev.length
      ? Math.max(...prev.map((r) => r.enter))
      : Math.max(
          ...h
            .current()
            .requestRecords(3)
            .map((r) => r.enter),
        );
    expect(h.session.snapshot().t).toBe(want);
    h.session.dispose();
  });

  it('selects, keeps time and speed across an architecture switch, and says what changed', async () => {
    const h = harness();
    await h.ready();
    h.session.step();
    h.session.setSlowdown(30_000);
    const t = h.session.snapshot().t;
    h.session.select({ kind: 'node', index: 1 });
    expect(h.session.snapshot().selection).toEqual({ kind: 'node', index: 1 });
    h.session.setArchitecture('ambient');
    expect(h.session.snapshot().status).toBe('loading');
    expect(h.session.snapshot().selection).toBeNull();
    await h.ready();
    const s = h.session.snapshot();
    expect(s.status).toBe('ready');
    expect(s.choices.arch).toBe('ambient');
    expect(s.t).toBe(t);
    expect(s.slowdown).toBe(30_000);
    expect(s.change?.previous.architecture.id).toBe('sidecar-envoy');
    expect(s.change?.next.architecture.id).toBe('ambient');
    expect(h.opened).toEqual(['sidecar-envoy/trace', 'ambient/trace']);
    h.session.dispose();
  });

  it('a new preset starts at t = 0 and forgets the switch; a new view takes its own speed', async () => {
    const h = harness();
    await h.ready();
    h.session.step();
    h.session.setArchitecture('ambient');
    await h.ready();
    h.session.setPreset('istio-benchmark');
    await h.ready();
    expect(h.session.snapshot()).toMatchObject({ status: 'ready', t: 0, change: null });
    h.session.setView('load');
    await h.ready();
    expect(h.session.snapshot().slowdown).toBe(DEFAULT_SLOWDOWN.load);
    const view = h.session.page().view;
    expect(view.status === 'ready' && view.layout.view).toBe('load');
    h.session.dispose();
  });

  it('says when the architecture cannot run the scenario, and recovers on the next choice', async () => {
    const h = harness({ presetId: 'istio-benchmark', arch: 'proxyless-grpc' });
    await h.ready();
    const s = h.session.snapshot();
    expect(s.status).toBe('unsupported');
    expect(s.view.status === 'unsupported' && s.view.reasons.join(' ')).toMatch(/gRPC|protocol/i);
    h.session.setProtocol('grpc');
    await h.ready();
    expect(h.session.snapshot().status).toBe('ready');
    h.session.dispose();
  });

  it('drops the notice about a parameter once a valid choice of it is made', async () => {
    const h = harness(
      {},
      {
        notices: [
          { param: 'arch', text: 'URL parameter arch=x: no such architecture' },
          { param: 'view', text: 'URL parameter view=y: no such view' },
        ] as never,
      },
    );
    await h.ready();
    h.session.setArchitecture('ambient');
    expect(h.session.snapshot().notices.map((n) => n.param)).toEqual(['view']);
    h.session.dismissNotices();
    expect(h.session.snapshot().notices).toEqual([]);
    h.session.dispose();
  });

  it('shows the picture or the topology tables as asked, keeping playback; a choice answers show=', async () => {
    const h = harness(
      {},
      {
        shownAs: 'table',
        notices: [
          { param: 'show', text: 'URL parameter show=x' },
          { param: 'seed', text: 'URL parameter seed=y' },
        ],
      },
    );
    await h.ready();
    expect(h.session.page().shownAs).toBe('table');
    h.session.step();
    await h.settle();
    const t = h.session.snapshot().t;
    const before = h.session.page();
    h.session.showAs('picture');
    const after = h.session.page();
    expect(after).not.toBe(before);
    expect(after.shownAs).toBe('picture');
    expect(after.notices.map((n) => n.param)).toEqual(['seed']);
    expect(h.session.snapshot()).toMatchObject({ t, status: 'ready' });
    h.session.dispose();
  });

  it('keeps narration on or off across an architecture switch', async () => {
    const h = harness();
    await h.ready();
    expect(h.session.page().narrate).toBe(true);
    h.session.setNarration(false);
    h.session.setArchitecture('ambient');
    await h.ready();
    expect(h.session.page()).toMatchObject({ narrate: false, choices: { arch: 'ambient' } });
    h.session.setNarration(true);
    expect(h.session.page().narrate).toBe(true);
    h.session.dispose();
    const plain = harness();
    expect(plain.session.page().shownAs).toBe('picture');
    plain.session.dispose();
  });

  it('page() keeps its identity across playback ticks (React re-renders only on page changes)', async () => {
    const h = harness();
    await h.ready();
    const before = h.session.page();
    let calls = 0;
    const off = h.session.subscribe(() => calls++);
    h.session.play();
    h.tickBy(16);
    h.tickBy(16);
    expect(h.session.page()).toBe(before);
    expect(calls).toBe(0);
    h.session.setCamera({ kind: 'kernel', node: 1 });
    expect(h.session.page()).not.toBe(before);
    expect(h.session.page().camera).toEqual({ kind: 'kernel', node: 1 });
    expect(calls).toBe(1);
    off();
    h.session.dispose();
  });
});

describe("Simulate session: a lesson's setting", () => {
  it('applies scenario changes onto the preset: the layout shows them, and new changes start at t = 0', async () => {
    const h = harness({ arch: 'cilium-ebpf' });
    await h.ready();
    const plain = h.session.page().view;
    expect(plain.status === 'ready' && plain.layout.features.l7Policy).toBe(false);
    const l7Before = plain.status === 'ready' ? plain.layout.hops.filter((x) => x.actor === 'nodeproxy') : [];
    expect(l7Before).toEqual([]);
    h.session.step();
    await h.settle();
    expect(h.session.snapshot().t).toBeGreaterThan(0);
    h.session.setChanges({ l7Policy: true, mtls: false });
    expect(h.session.snapshot().status).toBe('loading');
    await h.ready();
    const s = h.session.snapshot();
    expect(s.t).toBe(0);
    expect(s.choices.changes).toEqual({ l7Policy: true, mtls: false });
    const v = h.session.page().view;
    expect(v.status === 'ready' && v.layout.features).toMatchObject({ l7Policy: true, mtls: false });
    // L7 on Cilium goes through the per-node Envoy: the route now has node-proxy hops.
    expect(v.status === 'ready' && v.layout.hops.some((x) => x.actor === 'nodeproxy')).toBe(true);
    // The same changes written in another order are not a new scenario: nothing re-opens.
    h.session.setChanges({ mtls: false, l7Policy: true });
    expect(h.session.snapshot().status).toBe('ready');
    expect(h.opened).toEqual(['cilium-ebpf/trace', 'cilium-ebpf/trace']);
    h.session.dispose();
  });

  it('configure: waits for the trace, then sets speed and camera, and a restart rewinds to 0 paused', async () => {
    const h = harness();
    await h.ready();
    h.session.play();
    h.tickBy(16);
    h.tickBy(16);
    expect(h.session.snapshot().t).toBeGreaterThan(0);
    const done = h.session.configure({
      choices: { arch: 'ambient' },
      slowdown: 30_000,
      camera: (layout) => ({ kind: 'kernel', node: layout.pods.find((p) => p.role === 'service')!.node }),
      restart: true,
    });
    expect(h.session.snapshot().status).toBe('loading');
    for (let i = 0; i < 200 && h.session.snapshot().status === 'loading'; i++) await h.settle();
    const s = await done;
    expect(s).toMatchObject({ status: 'ready', t: 0, slowdown: 30_000, playing: false });
    expect(s.choices.arch).toBe('ambient');
    // The server pod of one-request-slowly sits on node 1 (cross-node placement).
    expect(s.camera).toEqual({ kind: 'kernel', node: 1 });
    // Without a change of choices it resolves at once, and restart still rewinds.
    h.session.step();
    await h.settle();
    expect(h.session.snapshot().t).toBeGreaterThan(0);
    const again = await h.session.configure({ choices: { arch: 'ambient' }, restart: true });
    expect(again.t).toBe(0);
    expect(h.opened).toEqual(['sidecar-envoy/trace', 'ambient/trace']);
    h.session.dispose();
  });

  it('configure reports an architecture that cannot run the changed scenario, and keeps the choices', async () => {
    const h = harness();
    await h.ready();
    const s = await h.session.configure({ choices: { arch: 'proxyless-grpc' }, restart: true });
    expect(s.status).toBe('unsupported');
    const fixed = await h.session.configure({ choices: { changes: { protocol: 'grpc' } }, restart: true });
    expect(fixed.status).toBe('ready');
    expect(fixed.choices).toMatchObject({ arch: 'proxyless-grpc', changes: { protocol: 'grpc' } });
    h.session.dispose();
  });

  it('a highlight is page state: set, kept across an architecture switch, replaced and cleared', async () => {
    const h = harness();
    await h.ready();
    expect(h.session.snapshot().highlight).toBeNull();
    const before = h.session.page();
    h.session.highlight({ components: ['sidecar'], packet: 1 });
    expect(h.session.snapshot().highlight).toEqual({ components: ['sidecar'], packet: 1 });
    // The page re-renders for it (a new page state), not only the snapshot.
    expect(h.session.page()).not.toBe(before);
    expect(h.session.page().highlight).toEqual({ components: ['sidecar'], packet: 1 });
    await h.session.configure({ choices: { arch: 'ambient' }, restart: true });
    expect(h.session.snapshot()).toMatchObject({ status: 'ready', highlight: { components: ['sidecar'] } });
    h.session.highlight({ hops: [{ hopKind: 'proxy.l7' }] });
    expect(h.session.snapshot().highlight).toEqual({ hops: [{ hopKind: 'proxy.l7' }] });
    h.session.highlight(null);
    expect(h.session.snapshot().highlight).toBeNull();
    h.session.dispose();
  });
});

it('the presets used here exist', () => {
  expect(SCENARIO_PRESETS['one-request-slowly']).toBeTruthy();
});
