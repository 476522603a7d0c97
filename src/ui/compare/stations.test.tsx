// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../app/compareModels';
import { runComparison } from '../../engine/compare';
import { estimateScenario } from '../../engine/scenario/estimate';
import { toComparisonView } from '../../engine/scenario/view';
import { ScenarioSchema } from '../../model/scenario';
import { cpuTotal, figuresOf, headline, mib } from './figures';
import { BreakdownSection } from './BreakdownSection';
import { LoadTotalsSection } from './LoadTotalsSection';
import { MemorySection } from './MemorySection';
import { formatMiB } from './numbers';
import { QueueSection } from './QueueSection';
import { bottleneckSentence, loadGeneratorNote, ofLoadGenerator, resourceName } from './stations';

afterEach(cleanup);

const NOTE =
  'the load generator’s own sidecar (as in Istio’s benchmark, where the client runs with a sidecar); in a mesh of many callers this load is spread';

describe('resources of the load generator', () => {
  it('tells the load generator’s pool from the mesh’s', () => {
    expect(ofLoadGenerator('sidecar:loadgen')).toBe(true);
    expect(ofLoadGenerator('app:loadgen')).toBe(true);
    expect(ofLoadGenerator('sidecar:fortio-server-0')).toBe(false);
    expect(ofLoadGenerator('cpu:n0')).toBe(false);
    expect(ofLoadGenerator('nodeproxy:n0')).toBe(false);
    // With several clients (workload.clients) each client's pod is the load generator's too.
    expect(ofLoadGenerator('sidecar:loadgen-3')).toBe(true);
    expect(ofLoadGenerator('library:loadgen-19')).toBe(true);
    expect(ofLoadGenerator('sidecar:loadgen-0')).toBe(false);
    expect(ofLoadGenerator('sidecar:loadgenerator-1')).toBe(false);
    expect(loadGeneratorNote({ id: 'sidecar:loadgen', component: 'sidecar' })).toBe(NOTE);
    expect(loadGeneratorNote({ id: 'sidecar:fortio-server-0', component: 'sidecar' })).toBe('');
  });

  it('names resources in words, not station ids', () => {
    expect(resourceName({ id: 'sidecar:loadgen', component: 'sidecar' })).toBe('sidecar workers of loadgen');
    expect(resourceName({ id: 'cpu:n1', component: 'node' })).toBe('cores of node n1');
    expect(resourceName({ id: 'nodeproxy:n0', component: 'nodeproxy' })).toBe(
      'node proxy workers on node n0',
    );
  });

  // The default scenario, simulated briefly: the client's 2-worker sidecar is the busiest resource.
  const s = ScenarioSchema.parse({
    ...DEFAULT_SCENARIO,
    architectures: ['no-mesh', 'sidecar-envoy', 'ambient'],
    run: { warmupRequests: 100, measuredRequests: 800 },
  });
  const figs = figuresOf(estimateScenario(s), toComparisonView(runComparison(s, { replications: 2 })));

  it('says where it is shown when the busiest resource is the load generator’s sidecar', () => {
    const envoy = figs[1]!;
    expect(envoy.simulated!.stations![0]!.id).toBe('sidecar:loadgen');
    expect(bottleneckSentence(envoy)).toMatch(
      new RegExp(
        `^Busiest: sidecar workers of loadgen \\(as busy, within the run's precision: sidecar workers of fortio-server-0\\), .* busy \\(simulated\\)\\. That is ${NOTE.replace(/[()]/g, '\\$&')}\\.$`,
      ),
    );
    render(<QueueSection figures={figs} simulated level={0.99} onSelect={() => {}} />);
    const row = screen.getByTestId('queues-table').querySelector('tr[data-station="sidecar:loadgen"]')!;
    expect(row).toHaveTextContent('the load generator’s own');
    expect(
      within(screen.getByTestId('bottlenecks'))
        .getByText(/sidecar workers of loadgen/)
        .closest('li'),
    ).toHaveTextContent(NOTE);
  });

  it('the memory section says why it counts more nodes than the scenario has', () => {
    // 2,000 pods on the scenario's 2 nodes: the footprint places 30 a node, so 67 nodes.
    const { container } = render(<MemorySection figures={figs} nodesGiven={2} onSelect={() => {}} />);
    expect(container.querySelector('.hint')!.textContent!.replace(/\s+/g, ' ')).toContain(
      "2,000 pods, 1,000 services on 67 nodes (the scenario's 2 nodes hold 60 of its pods at 30 a node, the footprint model's assumption, so it counts more) — not simulated",
    );
    cleanup();
    const fits = render(<MemorySection figures={figs} nodesGiven={100} onSelect={() => {}} />);
    expect(fits.container.querySelector('.hint')!.textContent).not.toMatch(/assumption/);
  });

  it('the breakdown shows the wait before the first hop where connections were all busy, and only there', () => {
    const base = ScenarioSchema.parse(DEFAULT_SCENARIO);
    // Open (Poisson) load at 4,000 req/s over 2 connections, one request each at a time: requests queue for them.
    const busy = ScenarioSchema.parse({
      ...DEFAULT_SCENARIO,
      architectures: ['no-mesh', 'sidecar-envoy'],
      workload: { ...base.workload, load: { kind: 'open', rps: 4_000, connections: 2 } },
      run: { warmupRequests: 200, measuredRequests: 2_000 },
    });
    const f = figuresOf(estimateScenario(busy), toComparisonView(runComparison(busy, { replications: 2 })));
    const { container } = render(<BreakdownSection figures={f} simulated onSelect={() => {}} />);
    const row = container.querySelector('[data-testid="breakdown-table"] tr[data-arch="sidecar-envoy"]')!;
    const sim = f[1]!.simulated!;
    const want = sim.latency.mean.mean - sim.latencyActual.mean.mean;
    expect(want).toBeGreaterThan(100); // µs: the wait is real here
    const shown = row.querySelector('[data-stat="unsent"]')!.textContent!;
    expect(shown).toBe(`${want < 10 ? want.toFixed(1) : want.toFixed(0)}\u00a0µs`);
    cleanup();
    // An open load's arrivals come whatever the replies do: its rate sent is the offered one give or
    // take chance, never "N of M".
    const totals = render(<LoadTotalsSection figures={f} scenario={busy} simulated />);
    expect(
      totals.container.querySelector('tr[data-arch="sidecar-envoy"] [data-stat="rate"]')!.textContent,
    ).not.toMatch(/ of /);
    cleanup();
    // The default's 16 paced connections never wait: no column.
    const calm = render(<BreakdownSection figures={figs} simulated onSelect={() => {}} />);
    expect(calm.container.querySelector('[data-stat="unsent"]')).toBeNull();
  });

  it('shows human names in the totals table', () => {
    render(<LoadTotalsSection figures={figs} scenario={s} simulated />);
    const text = screen.getByTestId('totals-table').textContent!;
    expect(text).not.toMatch(/\b(cpu|sidecar|nodeproxy):[\w-]+/);
    expect(text).toMatch(/cores of node n\d|workers of|workers on node/);
  });
});

describe('callers that could not send the offered rate', () => {
  // The default scenario's paced load (16 connections, each waiting for its reply) at 50,000 req/s:
  // the sidecar's path is far too slow for that, so its callers send only a fraction of it.
  const base = ScenarioSchema.parse(DEFAULT_SCENARIO);
  expect(base.workload.load.kind).toBe('paced');
  const fast = ScenarioSchema.parse({
    ...DEFAULT_SCENARIO,
    architectures: ['no-mesh', 'sidecar-envoy'],
    workload: { ...base.workload, load: { ...base.workload.load, rps: 50_000 } },
    run: { warmupRequests: 200, measuredRequests: 2_000 },
  });
  const f = figuresOf(estimateScenario(fast), toComparisonView(runComparison(fast, { replications: 2 })));
  const side = f[1]!;
  const sent = side.simulated!.throughputRps.mean;

  it('says so in the headline, with the rate sent', () => {
    expect(sent).toBeLessThan(25_000);
    const text = headline(side, f[0], undefined, fast.workload.load);
    expect(text).toContain(
      `Its callers sent ${Math.round(sent).toLocaleString('en')} of the 50,000 req/s offered: they wait for replies`,
    );
    // Its queue does not grow: the callers wait instead, so the headline does not say it does.
    expect(text).not.toMatch(/queue grows/);
    // A closed loop offers no rate, and an open load's arrivals do not wait: nothing to fall short of.
    expect(
      headline(side, f[0], undefined, {
        kind: 'closed',
        connections: 16,
        think: { kind: 'deterministic', value: 0 },
      }),
    ).not.toMatch(/callers sent/);
    expect(headline(side, f[0], undefined, { kind: 'open', rps: 50_000, connections: 16 })).not.toMatch(
      /callers sent/,
    );
  });

  it('scales the totals to the rate sent, not the rate offered', () => {
    render(<LoadTotalsSection figures={f} scenario={fast} simulated />);
    const row = screen.getByTestId('totals-table').querySelector('tr[data-arch="sidecar-envoy"]')!;
    expect(row.querySelector('[data-stat="rate"]')!.textContent).toBe(
      `${Math.round(sent).toLocaleString('en')} of 50,000`,
    );
    const used = Number(row.querySelector('[data-stat="vcpu-used"]')!.textContent);
    const want = (cpuTotal(side)! * sent) / 1000;
    expect(Math.abs(used - want)).toBeLessThanOrEqual(want >= 10 ? 0.05 : 0.005);
  });
});

describe('memory in one unit style', () => {
  it('switches MiB to GiB at 1 GiB, the same everywhere', () => {
    expect(formatMiB(8749)).toBe('8.5\u00a0GiB');
    expect(formatMiB(24474)).toBe('23.9\u00a0GiB');
    expect(formatMiB(512)).toBe('512\u00a0MiB');
    expect(formatMiB(42.25)).toBe('42.3\u00a0MiB');
    expect(formatMiB(1024)).toBe('1.0\u00a0GiB');
    expect(formatMiB(258048)).toBe('252\u00a0GiB');
    expect(mib).toBe(formatMiB);
  });
});

describe('the busiest resource, when the run cannot tell it from others', () => {
  const load = (id: string, mean: number, halfWidth: number) => ({
    id,
    kind: 'cpu' as const,
    node: id.slice(4),
    component: 'node',
    servers: 4,
    utilization: { mean, halfWidth, n: 5, level: 0.99, sd: 0 },
    meanQueueLength: { mean: 0, halfWidth: 0, n: 5, level: 0.99, sd: 0 },
    waitPerRequestUs: { mean: 0, halfWidth: 0, n: 5, level: 0.99, sd: 0 },
  });
  const fig = (stations: ReturnType<typeof load>[]) =>
    ({ id: 'sidecar-envoy', name: 'Istio sidecar', simulated: { stations } }) as unknown as Parameters<
      typeof bottleneckSentence
    >[0];

  it('names the resources whose intervals overlap the busiest one, and none that do not', () => {
    // n1 0.42 ± 0.01 and n0 0.41 ± 0.01 overlap; n2 0.30 ± 0.01 does not.
    expect(
      bottleneckSentence(
        fig([load('cpu:n1', 0.42, 0.01), load('cpu:n0', 0.41, 0.01), load('cpu:n2', 0.3, 0.01)]),
      ),
    ).toMatch(
      /^Busiest: cores of node n1 \(as busy, within the run's precision: cores of node n0\), 42\s%\s±\s1\s%\sbusy \(simulated\)\.$/,
    );
    expect(bottleneckSentence(fig([load('cpu:n1', 0.42, 0.01), load('cpu:n0', 0.39, 0.01)]))).toMatch(
      /^Busiest: cores of node n1, 42\s%\s±\s1\s%\sbusy \(simulated\)\.$/,
    );
    expect(
      bottleneckSentence(
        fig([load('cpu:n1', 0.42, 0.02), load('cpu:n0', 0.41, 0.02), load('cpu:n2', 0.4, 0.02)]),
      ),
    ).toContain("(as busy, within the run's precision: 2 more, such as cores of node n0)");
  });
});
