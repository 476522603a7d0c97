// @vitest-environment jsdom
import { screenMs } from '../../model/ids';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import failures from '../../../models/presets/failures-and-retries.json';
import { traceFixture } from '../../test/traceFixture';
import { formatDuration } from '../../model/humanTime';
import type { TraceEvent } from '../../machines/simulate/buffer';
import { EventList } from './EventList';
import { Inspector } from './Inspector';
import { PathView } from './PathView';
import { PlaybackControls } from './PlaybackControls';
import { SimulatePage, type SimulatePageProps } from './SimulatePage';

afterEach(cleanup);

const rowsOf = () => screen.getByRole('region', { name: 'Hop events' }).querySelectorAll('tbody tr');

describe('EventList', () => {
  it('lists the events up to the playback time and follows steps', () => {
    const { layout, buffer, actor } = traceFixture();
    render(<EventList layout={layout} buffer={buffer} actor={actor} selectedKey={null} onPick={() => {}} />);
    expect(rowsOf()).toHaveLength(0);
    expect(screen.getByTestId('event-count')).toHaveTextContent('No hop has started yet');
    act(() => {
      for (let i = 0; i < 4; i++) actor.send({ type: 'STEP' });
    });
    expect(rowsOf()).toHaveLength(4);
    expect(rowsOf()[3]).toHaveClass('now');
    act(() => actor.send({ type: 'STEP_BACK' }));
    expect(rowsOf()).toHaveLength(3);
  });

  it('while playing, follows the clock after 250 ms and 8 frames, whichever comes later; paused, at once', () => {
    vi.useFakeTimers();
    try {
      const { layout, buffer, actor } = traceFixture();
      render(
        <EventList layout={layout} buffer={buffer} actor={actor} selectedKey={null} onPick={() => {}} />,
      );
      const enters = [...new Set(buffer.events.map((e) => e.enter))];
      act(() => {
        actor.send({ type: 'SET_SKIP_IDLE', on: false });
        actor.send({ type: 'SEEK', t: enters[0] });
      });
      const atStart = rowsOf().length;
      expect(atStart).toBe(buffer.countUpTo(enters[0]));
      // Eight frames carry the clock to the sixth event time (10,000× slower: 0.1 µs per ms).
      const dtMs = screenMs((enters[5] - enters[0]) / 0.1 / 8);
      act(() => actor.send({ type: 'PLAY' }));
      act(() => {
        for (let i = 0; i < 3; i++) actor.send({ type: 'TICK', dtMs });
        vi.advanceTimersByTime(300);
      });
      expect(rowsOf()).toHaveLength(atStart); // 300 ms but only 3 frames: not yet
      act(() => {
        for (let i = 0; i < 5; i++) actor.send({ type: 'TICK', dtMs });
      });
      const t8 = actor.getSnapshot().context.t;
      expect(rowsOf()).toHaveLength(buffer.countUpTo(t8)); // the eighth frame refreshes
      expect(buffer.countUpTo(t8)).toBeGreaterThan(atStart);
      act(() => {
        for (let i = 0; i < 8; i++) actor.send({ type: 'TICK', dtMs: screenMs(1) });
      });
      expect(rowsOf()).toHaveLength(buffer.countUpTo(t8)); // 8 more frames within 250 ms: not yet
      act(() => actor.send({ type: 'PAUSE' }));
      expect(rowsOf()).toHaveLength(buffer.countUpTo(actor.getSnapshot().context.t)); // paused: at once
    } finally {
      vi.useRealTimers();
    }
  });

  it('filters by hop kind, component and node, and picking a row reports its event', () => {
    const { layout, buffer, actor } = traceFixture();
    const onPick = vi.fn<(e: TraceEvent) => void>();
    act(() => actor.send({ type: 'SEEK', t: buffer.events.filter((e) => e.request === 0).at(-1)!.enter }));
    render(<EventList layout={layout} buffer={buffer} actor={actor} selectedKey={null} onPick={onPick} />);
    expect(rowsOf()).toHaveLength(42);
    fireEvent.change(screen.getByLabelText('Component'), { target: { value: 'sidecar' } });
    const sidecarRows = rowsOf().length;
    expect(sidecarRows).toBe(
      buffer.events.filter((e) => e.request === 0 && layout.hops[e.hop].component === 'sidecar').length,
    );
    fireEvent.change(screen.getByLabelText('Node'), { target: { value: '1' } });
    expect(rowsOf().length).toBeLessThan(sidecarRows);
    fireEvent.change(screen.getByLabelText('Component'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Node'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Hop kind'), { target: { value: 'nic.wire' } });
    expect(rowsOf()).toHaveLength(2);
    fireEvent.click(within(rowsOf()[1] as HTMLElement).getByRole('button'));
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(layout.hops[onPick.mock.calls[0][0].hop].kind).toBe('nic.wire');
  });
});

describe('failures in the event list and the inspector', () => {
  it('filters the list to failed tries and names the outcome in the inspector', () => {
    const { layout, buffer, actor, catalogs } = traceFixture('sidecar-envoy', 4, failures);
    const request = buffer.events.filter((e) => e.request === 0);
    act(() => actor.send({ type: 'SEEK', t: request.at(-1)!.enter }));
    render(<EventList layout={layout} buffer={buffer} actor={actor} selectedKey={null} onPick={() => {}} />);
    const all = rowsOf().length;
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'failed' } });
    const failed = [...rowsOf()].map((r) => r.getAttribute('data-outcome'));
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(failed.length).toBeLessThan(all);
    expect(new Set(failed)).toEqual(new Set(['dropped', 'timed out', 'retried']));
    expect(rowsOf()[0]).toHaveTextContent(`(${failed[0]})`);
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'timed out' } });
    expect([...rowsOf()].every((r) => r.getAttribute('data-outcome') === 'timed out')).toBe(true);
    // The cost column gives a try's length as such, not as the hop's cost.
    const timedOut = request.find((x) => x.outcome === 'timed out')!;
    expect(rowsOf()[0].querySelectorAll('td')[5].textContent).toBe(
      `gave up after ${formatDuration(timedOut.leave - timedOut.enter)}`,
    );

    cleanup();
    const fetchState = async (t: number) => ({
      t,
      busy: new Int32Array(layout.stations.length),
      queue: new Int32Array(layout.stations.length),
    });
    for (const outcome of ['dropped', 'timed out', 'retried'] as const) {
      const e = request.find((x) => x.outcome === outcome)!;
      render(
        <Inspector
          layout={layout}
          selection={{ kind: 'event', event: e }}
          catalogs={catalogs}
          requestRecords={request}
          fetchState={fetchState}
          t={0}
        />,
      );
      expect(screen.getByTestId('outcome')).toHaveTextContent(`Outcome: ${outcome} —`);
      cleanup();
    }
    const ok = request.find((x) => x.outcome === 'forwarded')!;
    // A try recorded by the caller is described as the try, not as time in service at its hop.
    for (const outcome of ['timed out', 'retried'] as const) {
      const e = request.find((x) => x.outcome === outcome)!;
      const length = formatDuration(e.leave - e.enter);
      render(
        <Inspector
          layout={layout}
          selection={{ kind: 'event', event: e }}
          catalogs={catalogs}
          requestRecords={request}
          fetchState={fetchState}
          t={0}
        />,
      );
      const inspector = screen.getByTestId('inspector');
      expect(inspector).not.toHaveTextContent('In service');
      expect(screen.getByTestId('try-span').textContent).toContain(
        outcome === 'timed out'
          ? `the caller gave up after ${length} (its per-try timeout)`
          : `the try lasted ${length} before it was retried`,
      );
      expect(screen.getByTestId('outcome')).toHaveTextContent(
        'This record is the caller’s, not a pass through this hop',
      );
      cleanup();
    }
    expect(
      request.find((x) => x.outcome === 'timed out')!.leave -
        request.find((x) => x.outcome === 'timed out')!.enter,
    ).toBeCloseTo(400, 6); // the preset's per-try timeout
    render(
      <Inspector
        layout={layout}
        selection={{ kind: 'event', event: ok }}
        catalogs={catalogs}
        requestRecords={request}
        fetchState={fetchState}
        t={0}
      />,
    );
    expect(screen.queryByTestId('outcome')).toBeNull();
    expect(screen.getByTestId('inspector')).toHaveTextContent('forwarded: it was served at once');
  });
});

describe('Inspector', () => {
  it('explains a hop: description, layers in and out, low/default/high cost, sources, cumulative figures, the queue there', async () => {
    const { layout, buffer, catalogs } = traceFixture();
    const request = buffer.events.filter((e) => e.request === 0);
    const proxy = request.find(
      (e) => layout.hops[e.hop].kind === 'proxy.l7' && layout.hops[e.hop].pod === 'loadgen',
    )!;
    const fetchState = vi.fn(async (t: number) => ({
      t,
      busy: Int32Array.from(layout.stations, (_, i) => (i === 0 ? 1 : 0)),
      queue: new Int32Array(layout.stations.length),
    }));
    render(
      <Inspector
        layout={layout}
        selection={{ kind: 'event', event: proxy }}
        catalogs={catalogs}
        requestRecords={request}
        fetchState={fetchState}
        t={0}
      />,
    );
    const panel = screen.getByTestId('inspector');
    expect(panel).toHaveTextContent('Packet: request #0, request leg.');
    expect(panel).toHaveTextContent('TCP segments are not modelled one by one');
    expect(panel).toHaveTextContent(catalogs.hopKinds.get('proxy.l7')!.description);
    expect(panel).toHaveTextContent('In: from “sidecar read()”');
    expect(within(panel).getByRole('table', { name: /cost of/ })).toHaveTextContent(/low.*default.*high/s);
    // The outbound sidecar reads the HTTP request; nothing below HTTP exists yet in its buffer.
    const layers = within(panel).getByRole('table', { name: /Message layers going into and out of/ });
    expect(
      [...layers.querySelectorAll('tbody tr')].map(
        (r) => `${r.getAttribute('data-layer')}:${r.getAttribute('data-action')}`,
      ),
    ).toEqual(['http:read']);
    expect(screen.getByTestId('layer-view')).toHaveAttribute('data-variant', 'proxy.l7/outbound');
    expect(within(screen.getByTestId('sources')).getAllByRole('listitem').length).toBe(
      layout.hops[proxy.hop].sources.length,
    );
    expect(screen.getByTestId('cumulative')).toHaveTextContent('hops)');
    expect(proxy.cpu).toBeGreaterThan(0);
    // jest-dom collapses the thin spaces of formatted figures into plain ones.
    expect(panel).toHaveTextContent(
      `CPU${formatDuration(proxy.cpu)} (sampled for this traversal`.replace(/\s+/g, ' '),
    );
    expect(fetchState).toHaveBeenCalledWith(proxy.enter);
    expect(await screen.findByTestId('queue-state')).toHaveTextContent(
      'loadgen Envoy workers: 0 of 2 busy, 0 waiting',
    );
  });

  it('shows the message layer by layer: TLS sealed by the sidecar, TCP/IP and Ethernet added by the kernel, the inbound REDIRECT replayed by conntrack', () => {
    const { layout, buffer, catalogs } = traceFixture();
    const request = buffer.events.filter((e) => e.request === 0);
    const fetchState = async (t: number) => ({
      t,
      busy: new Int32Array(layout.stations.length),
      queue: new Int32Array(layout.stations.length),
    });
    const at = (kind: string, pod: string) =>
      request.find(
        (e) =>
          layout.hops[e.hop].kind === kind &&
          layout.hops[e.hop].pod === pod &&
          layout.hops[e.hop].leg === 'request',
      )!;
    const rowsFor = (event: TraceEvent) => {
      cleanup();
      render(
        <Inspector
          layout={layout}
          selection={{ kind: 'event', event }}
          catalogs={catalogs}
          requestRecords={request}
          fetchState={fetchState}
          t={0}
        />,
      );
      const table = screen.getByRole('table', { name: /Message layers/ });
      // Per row: the layer, what the hop does, then the in and out values (one value when unchanged).
      return [...table.querySelectorAll('tbody tr')].map((r) =>
        [...r.querySelectorAll('th, .sim-layer-action, .sim-layer-value')].map((c) => c.textContent),
      );
    };
    expect(rowsFor(at('tls.rec', 'loadgen'))).toEqual([
      ['HTTP', 'passes untouched', 'HTTP request'],
      ['TLS', 'adds', 'out: TLS 1.3 application-data records'],
    ]);
    const tx = rowsFor(at('tcp.tx', 'loadgen'));
    expect(tx.map((r) => [r[0], r[1]])).toEqual([
      ['HTTP', 'passes untouched'],
      ['TLS', 'passes untouched'],
      ['TCP', 'adds'],
      ['IP', 'adds'],
      ['Ethernet', 'adds'],
    ]);
    expect(tx[3].slice(2)).toEqual(['out: IPv4: src sender pod IP, dst Service VIP or pod IP, TTL 64']);
    expect(screen.getByTestId('layer-view')).toHaveTextContent(
      'Header details: standard TCP/IP behaviour (RFC 793/791), not a measured figure.',
    );
    const inbound = rowsFor(at('nf.pass', 'server-0'));
    expect(
      within(screen.getByRole('table', { name: /Message layers/ })).getByTitle('TCP segment (ports)'),
    ).toHaveTextContent('TCP');
    expect(inbound.find((r) => r[0] === 'TCP')!.slice(1)).toEqual([
      'rewrites',
      'in: TCP segment(s), seq/ack: sport sender’s port, dport receiver’s port (Service port 80 if addressed to the VIP)',
      'out: TCP segment(s), seq/ack: sport sender’s port, dport 15006 (Envoy) / 4143 (Linkerd)',
    ]);
    expect(screen.getByTestId('layer-view')).toHaveTextContent('conntrack re-applies the REDIRECT');
  });

  it('describes pods, nodes and resources', async () => {
    const { layout, catalogs } = traceFixture('ambient');
    const fetchState = async (t: number) => ({
      t,
      busy: new Int32Array(layout.stations.length),
      queue: new Int32Array(layout.stations.length),
    });
    const { rerender } = render(
      <Inspector
        layout={layout}
        selection={{ kind: 'node', index: 1 }}
        catalogs={catalogs}
        requestRecords={null}
        fetchState={fetchState}
        t={5}
      />,
    );
    expect(screen.getByTestId('inspector')).toHaveTextContent('ztunnel');
    expect(screen.getByTestId('inspector')).toHaveTextContent('netfilter');
    rerender(
      <Inspector
        layout={layout}
        selection={{ kind: 'pod', id: 'server-0' }}
        catalogs={catalogs}
        requestRecords={null}
        fetchState={fetchState}
        t={5}
      />,
    );
    expect(screen.getByTestId('inspector')).toHaveTextContent('server app');
    const cpu = layout.stations.findIndex((s) => s.id === 'cpu:n1');
    rerender(
      <Inspector
        layout={layout}
        selection={{ kind: 'station', index: cpu }}
        catalogs={catalogs}
        requestRecords={null}
        fetchState={fetchState}
        t={5}
      />,
    );
    expect(await screen.findByTestId('queue-state')).toHaveTextContent('0 of 4 busy, 0 waiting');
  });
});

describe('PathView', () => {
  it('draws one row per hop with its share, and picking a row reports it', () => {
    const { layout, buffer } = traceFixture();
    const request = buffer.events.filter((e) => e.request === 1);
    const onPick = vi.fn();
    render(
      <PathView layout={layout} request={1} records={request} selectedKey={request[3].key} onPick={onPick} />,
    );
    const rows = screen.getByRole('region', { name: 'Hops of request #1' }).querySelectorAll('tbody tr');
    expect(rows).toHaveLength(42);
    expect(rows[3]).toHaveClass('selected');
    fireEvent.click(within(rows[5] as HTMLElement).getByRole('button'));
    expect(onPick).toHaveBeenCalledWith(request[5]);
    expect(screen.getByTestId('path-total').textContent).toMatch(/µs$/);
  });
});

describe('PlaybackControls', () => {
  it('shows the clock and slow-down, and its buttons drive the machine', () => {
    const { buffer, actor } = traceFixture();
    render(<PlaybackControls actor={actor} buffer={buffer} onShowShortcuts={() => {}} />);
    expect(screen.getByTestId('sim-time').textContent).toBe('0\u00a0µs');
    expect(screen.getByTestId('sim-clock')).toHaveTextContent('Simulated time 0 µs into the run');
    expect(screen.getByTestId('sim-slowdown')).toHaveTextContent(
      '10,000× slower · 1 ms simulated lasts 10 s',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    const t = actor.getSnapshot().context.t;
    expect(t).toBe(buffer.events[0].enter);
    expect(screen.getByTestId('sim-time').textContent).toBe('1\u00a0s');
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(actor.getSnapshot().value).toBe('playing');
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    fireEvent.change(screen.getByLabelText(/Slow-down/), { target: { value: '1000' } });
    expect(actor.getSnapshot().context.slowdown).toBe(1000);
    fireEvent.change(screen.getByLabelText('Seek'), { target: { value: '123' } });
    expect(actor.getSnapshot().context.t).toBe(123);
    fireEvent.click(screen.getByRole('button', { name: 'Restart' }));
    expect(actor.getSnapshot().context.t).toBe(0);
  });

  it('disables Step back at t = 0, and the seek bar’s arrow keys move one event', () => {
    const { buffer, actor } = traceFixture();
    render(<PlaybackControls actor={actor} buffer={buffer} onShowShortcuts={() => {}} />);
    expect(screen.getByRole('button', { name: 'Step back' })).toBeDisabled();
    const seek = screen.getByLabelText('Seek');
    fireEvent.keyDown(seek, { key: 'ArrowRight' });
    const enters = [...new Set(buffer.events.map((e) => e.enter))];
    expect(actor.getSnapshot().context.t).toBe(enters[0]);
    expect(screen.getByRole('button', { name: 'Step back' })).toBeEnabled();
    fireEvent.keyDown(seek, { key: 'ArrowUp' });
    expect(actor.getSnapshot().context.t).toBe(enters[1]);
    fireEvent.keyDown(seek, { key: 'ArrowLeft' });
    expect(actor.getSnapshot().context.t).toBe(enters[0]);
    fireEvent.keyDown(seek, { key: 'PageUp' });
    expect(actor.getSnapshot().context.t).toBeCloseTo(enters[0] + buffer.endTime / 100, 6);
    fireEvent.keyDown(seek, { key: 'Home' });
    expect(actor.getSnapshot().context.t).toBe(0);
    expect(screen.getByRole('button', { name: 'Step back' })).toBeDisabled();
  });
});

describe('SimulatePage', () => {
  function page(over: Partial<SimulatePageProps> = {}) {
    const f = traceFixture();
    const props: SimulatePageProps = {
      presets: [{ id: 'one-request-slowly', name: 'One request, slowly' }],
      architectures: [{ id: 'sidecar-envoy', name: 'Istio sidecar (Envoy)' }],
      presetId: 'one-request-slowly',
      arch: 'sidecar-envoy',
      view: 'trace',
      onPreset: vi.fn(),
      onArch: vi.fn(),
      onView: vi.fn(),
      session: { status: 'ready', layout: f.layout, buffer: f.buffer, actor: f.actor },
      lastLayout: null,
      change: null,
      scene: <div data-testid="scene-slot" />,
      catalogs: f.catalogs,
      selection: null,
      onSelect: vi.fn(),
      fetchState: async (t) => ({
        t,
        busy: new Int32Array(f.layout.stations.length),
        queue: new Int32Array(f.layout.stations.length),
      }),
      fetchRequest: async (seq) => f.buffer.requestEvents(seq),
      ...over,
    };
    render(<SimulatePage {...props} />);
    return { ...f, props };
  }

  it('keyboard: Space plays and pauses, arrows step, ? opens the sheet; an arrow on a drop-down steps, never switching it', () => {
    const { actor, props } = page();
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: '.' });
    expect(rowsOf()).toHaveLength(2);
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(rowsOf()).toHaveLength(1);
    fireEvent.keyDown(window, { key: ' ' });
    expect(actor.getSnapshot().value).toBe('playing');
    fireEvent.keyDown(window, { key: ' ' });
    expect(actor.getSnapshot().value).toBe('paused');
    const arch = screen.getByLabelText('Architecture');
    fireEvent.keyDown(arch, { key: 'ArrowRight' });
    expect(rowsOf()).toHaveLength(2); // the page's shortcut: one step
    expect(props.onArch).not.toHaveBeenCalled(); // the drop-down kept its choice
    fireEvent.keyDown(window, { key: '?' });
    expect(screen.getByRole('dialog', { hidden: true })).toHaveAttribute('open');
  });

  it('lists architectures that cannot run the scenario as disabled, and says what a switch changed', () => {
    page({
      change: {
        from: 'Istio sidecar (Envoy)',
        to: 'Istio ambient (ztunnel)',
        lines: ['2 sidecar proxies disappear', '2 node proxies appear'],
      },
    });
    const grpc = screen.getByRole('option', { name: /proxyless gRPC.*cannot run/i });
    expect(grpc).toBeDisabled();
    expect(screen.getByTestId('arch-change')).toHaveTextContent(
      '2 sidecar proxies disappear; 2 node proxies appear',
    );
  });

  it('names the architecture that cannot run the scenario, gives the reasons and offers the fix', () => {
    const run = vi.fn();
    page({
      session: {
        status: 'unsupported',
        architecture: 'proxyless-grpc',
        reasons: ['HTTP/1.1 and HTTP/2 traffic: Proxyless mode works only for gRPC'],
      },
      architectures: [
        { id: 'sidecar-envoy', name: 'Istio sidecar (Envoy)' },
        { id: 'proxyless-grpc', name: 'Proxyless gRPC (xDS)' },
      ],
      arch: 'proxyless-grpc',
      fixes: [{ label: 'Switch the protocol to gRPC and run again', run }],
    });
    const box = screen.getByTestId('unsupported');
    expect(box).toHaveTextContent('Proxyless gRPC (xDS) cannot run “One request, slowly”');
    expect(box).toHaveTextContent('Proxyless mode works only for gRPC');
    expect(box).not.toHaveTextContent('proxyless-grpc');
    fireEvent.click(within(box).getByRole('button', { name: 'Switch the protocol to gRPC and run again' }));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('shows URL notices naming the parameter; presentation toggles by button and the p key', () => {
    const onPresentation = vi.fn();
    page({
      notices: [
        'URL parameter arch=‘bogus’ names no architecture in the models; showing Istio sidecar (Envoy) instead.',
      ],
      onPresentation,
      presentation: false,
    });
    expect(screen.getByTestId('url-notice')).toHaveTextContent('arch=‘bogus’');
    fireEvent.click(screen.getByRole('button', { name: 'Presentation (p)' }));
    expect(onPresentation).toHaveBeenLastCalledWith(true);
    fireEvent.keyDown(window, { key: 'p' });
    expect(onPresentation).toHaveBeenCalledTimes(2);
  });

  it('says plainly what the scenario sends, from its description and the run', () => {
    const { layout } = page({
      presets: [
        { id: 'one-request-slowly', name: 'One request, slowly', description: 'One request a second.' },
      ],
    });
    const desc = screen.getByTestId('scenario-desc');
    expect(desc).toHaveTextContent('One request a second.');
    if (layout.scenarioName === 'One request, slowly')
      expect(desc).toHaveTextContent(`This run sends ${layout.run.requests} requests`);
  });

  it('shows loading and errors without losing the header', () => {
    page({ session: { status: 'error', message: 'architecture: no model for x' } });
    expect(screen.getByRole('alert')).toHaveTextContent('no model for x');
    expect(screen.getByLabelText('Scenario')).toBeInTheDocument();
  });
});
