import { describe, expect, it } from 'vitest';
import { describeChange } from './archDiff';
import { eventCountText, filterOptions, placeOf, visibleEvents } from './eventFilter';
import oneRequest from '../../../models/presets/one-request-slowly.json';
import { traceFixture } from '../../test/traceFixture';
import { createTraceHandler } from '../../worker/trace/handler';
import { unpackRecords, type TraceReply } from '../../worker/trace/protocol';
import { cumulative, hopDetails, waterfall } from './inspectorData';
import { dropDownKey, shortcutFor } from './shortcuts';
import { formatSimTime, formatSlowdown, screenTimePerSimMs } from './timeFormat';

describe('event filtering', () => {
  const { layout, buffer } = traceFixture();
  const all = buffer.events;

  it('lists events that have started, newest last, at most `limit`', () => {
    const upTo = buffer.countUpTo(all[9].enter);
    const rows = visibleEvents(all, upTo, layout.hops, { kind: '', component: '', node: '' }, 5);
    expect(rows.map((e) => e.key)).toEqual(all.slice(upTo - 5, upTo).map((e) => e.key));
  });

  it('filters by hop kind, component and node', () => {
    const n = all.length;
    const byKind = visibleEvents(all, n, layout.hops, { kind: 'nic.wire', component: '', node: '' }, 1000);
    expect(byKind.length).toBeGreaterThan(0);
    expect(byKind.every((e) => layout.hops[e.hop].kind === 'nic.wire')).toBe(true);
    const sidecarOnNode1 = visibleEvents(
      all,
      n,
      layout.hops,
      { kind: '', component: 'sidecar', node: '1' },
      1000,
    );
    expect(sidecarOnNode1.length).toBeGreaterThan(0);
    expect(
      sidecarOnNode1.every(
        (e) => layout.hops[e.hop].component === 'sidecar' && layout.hops[e.hop].node === 1,
      ),
    ).toBe(true);
    const none = visibleEvents(
      all,
      n,
      layout.hops,
      { kind: 'nic.wire', component: 'sidecar', node: '' },
      1000,
    );
    expect(none).toEqual([]);
  });

  it('offers the kinds, components and nodes of this layout', () => {
    const o = filterOptions(layout);
    expect(o.kinds.map(([k]) => k)).toContain('proxy.l7');
    expect(o.components).toEqual(['app', 'kernel', 'sidecar', 'wire']);
    expect(o.nodes).toEqual(['0', '1']);
  });

  it('names places', () => {
    const wire = layout.hops.find((h) => h.actor === 'wire' && h.leg === 'request')!;
    expect(placeOf(wire, layout)).toBe('link node 0 → node 1');
    const sidecar = layout.hops.find((h) => h.actor === 'sidecar' && h.pod === 'server-0')!;
    expect(placeOf(sidecar, layout)).toBe('node 1 · server-0 · Envoy sidecar');
  });
});

describe('inspector data', () => {
  const { layout, buffer, catalogs } = traceFixture();
  const first = buffer.events.filter((e) => e.request === 0);

  it('gives a hop its catalog entry, sources and neighbours', () => {
    const proxy = first.find((e) => layout.hops[e.hop].kind === 'proxy.l7')!;
    const d = hopDetails(layout, proxy.hop, catalogs);
    expect(d.kind?.name).toBeTruthy();
    expect(d.kind?.cost.low.cpuUs).toBeLessThanOrEqual(d.kind!.cost.high.cpuUs);
    expect(d.citations.length).toBeGreaterThan(0);
    expect(d.unknownSources).toEqual([]);
    expect(d.prev?.hop.label).toBe('sidecar read()');
    expect(d.next?.hop.kind).toBe('tls.rec');
  });

  it('accumulates latency, the CPU sampled for the request and hops along a request', () => {
    const third = first[2];
    const c = cumulative(first, third)!;
    expect(c.hops).toBe(3);
    expect(c.latencyUs).toBeCloseTo(third.leave - first[0].enter, 9);
    expect(c.cpuUs).toBeCloseTo(
      first.slice(0, 3).reduce((a, e) => a + e.cpu, 0),
      9,
    );
    const last = cumulative(first, first.at(-1)!)!;
    expect(last.hops).toBe(first.length);
    const sampled = first.reduce((a, e) => a + e.cpu, 0);
    expect(last.cpuUs).toBeCloseTo(sampled, 9);
    // The fixed-seed trace's samples are not the model's means: the figure is this request's own.
    const means = first.reduce((a, e) => a + layout.hops[e.hop].cpuUs, 0);
    expect(Math.abs(sampled - means)).toBeGreaterThan(0.01);
    // CPU is spent only where a hop has a CPU station, and is never more than the hop's service.
    for (const e of first) {
      if (layout.hops[e.hop].cpu < 0) expect(e.cpu).toBe(0);
      expect(e.cpu).toBeLessThanOrEqual(e.service + 1e-9);
    }
    expect(first.filter((e) => e.cpu > 0).length).toBeGreaterThan(10);
  });

  it('takes CPU so far from the worker’s replay of the request, packed and unpacked as the page receives it', () => {
    const replies: TraceReply[] = [];
    const handle = createTraceHandler((m) => replies.push(m));
    handle({ type: 'open', id: 1, scenario: oneRequest, arch: 'sidecar-envoy', view: 'trace' });
    handle({ type: 'request', id: 2, seq: 0 });
    const reply = replies[1];
    if (reply.type !== 'request') throw new Error(`expected a request reply, got ${reply.type}`);
    const replayed = unpackRecords(reply.records).map((r, i) => ({ ...r, key: String(i) }));
    expect(replayed.map((e) => e.cpu)).toEqual(first.map((e) => e.cpu));
    const c = cumulative(replayed, replayed.at(-1)!)!;
    expect(c.cpuUs).toBeCloseTo(
      first.reduce((a, e) => a + e.cpu, 0),
      9,
    );
  });

  it('builds a waterfall whose shares add up to the whole for a chain of hops', () => {
    const w = waterfall(first, layout);
    expect(w.rows).toHaveLength(42);
    expect(w.rows.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 9);
    expect(w.rows[0].offset).toBe(0);
    expect(w.rows.at(-1)!.offset + w.rows.at(-1)!.width).toBeCloseTo(1, 9);
  });
});

describe('architecture switch', () => {
  it('says what appears and disappears', () => {
    const sidecar = traceFixture('sidecar-envoy', 1).layout;
    const ambient = traceFixture('ambient', 1).layout;
    const waypoint = traceFixture('ambient-waypoint', 1).layout;
    expect(describeChange(sidecar, ambient).slice(0, 2)).toEqual([
      '2 sidecar proxies disappear',
      '2 node proxies appear',
    ]);
    expect(describeChange(ambient, waypoint)[0]).toBe('1 waypoint appears');
    expect(describeChange(sidecar, sidecar)).toEqual([]);
  });
});

describe('shortcuts and formatting', () => {
  const none = { ctrl: false, alt: false, meta: false };
  it('maps keys to playback, leaving form fields and button activation alone', () => {
    expect(shortcutFor(' ', { tagName: 'DIV' }, none)).toEqual({ type: 'TOGGLE' });
    expect(shortcutFor(' ', { tagName: 'BUTTON' }, none)).toBeNull();
    expect(shortcutFor('ArrowRight', { tagName: 'BUTTON' }, none)).toEqual({ type: 'STEP' });
    expect(shortcutFor('.', null, none)).toEqual({ type: 'STEP' });
    expect(shortcutFor('ArrowLeft', { tagName: 'INPUT' }, none)).toBeNull();
    expect(shortcutFor('?', { tagName: 'BODY' }, none)).toBe('sheet');
    expect(shortcutFor('ArrowRight', null, { ...none, ctrl: true })).toBeNull();
  });

  it('on a closed drop-down, arrows are the page shortcuts (never a silent change), Escape leaves it', () => {
    expect(dropDownKey('ArrowDown', none)).toEqual({ type: 'SLOWER' });
    expect(dropDownKey('ArrowRight', none)).toEqual({ type: 'STEP' });
    expect(dropDownKey('p', none)).toBe('presentation');
    expect(dropDownKey('Escape', none)).toBe('leave');
    // Space and Enter still open the list; a letter that is no shortcut still picks by first letter.
    expect(dropDownKey(' ', none)).toBeNull();
    expect(dropDownKey('Enter', none)).toBeNull();
    expect(dropDownKey('a', none)).toBeNull();
    expect(dropDownKey('ArrowDown', { ...none, alt: true })).toBeNull(); // Alt+↓ opens the list
  });

  it('formats simulated time to the nanosecond and the slow-down', () => {
    // A stopwatch reading: whole s, whole ms, then µs to three significant digits.
    expect(formatSimTime(1_000_341.848)).toBe('1\u00a0s 342\u00a0µs');
    expect(formatSimTime(1_000_060.383)).toBe('1\u00a0s 60.4\u00a0µs');
    expect(formatSimTime(0)).toBe('0\u00a0µs');
    expect(formatSlowdown(10_000)).toBe('10,000× slower');
    expect(formatSlowdown(1)).toBe('real time (1×)');
    expect(screenTimePerSimMs(10_000)).toBe('10 s');
    expect(screenTimePerSimMs(300)).toBe('300 ms');
  });
});

describe('event count line', () => {
  const fmt = (t: number) => `${t} µs`;
  it('says nothing has started only at the start of the run; after a seek, counts since the seek point', () => {
    expect(eventCountText(0, 0, 0, false, fmt)).toBe('No hop has started yet: press Play or Step.');
    expect(eventCountText(0, 500, 150, false, fmt)).toBe(
      'No hop events since 500 µs (where playback jumped to), counting every hop of every traced request; the list also shows the 150 before it.',
    );
    expect(eventCountText(21, 500, 40, false, fmt)).toContain(
      '21 hop events since 500 µs (where playback jumped to)',
    );
    expect(eventCountText(300, 0, 150, false, fmt)).toContain('; showing the last 150.');
    expect(eventCountText(21, 500, 0, true, fmt)).toContain('; none of the events held match the filters.');
    expect(eventCountText(21, 500, 3, true, fmt)).toContain('; showing the last 3 that match.');
  });
});
