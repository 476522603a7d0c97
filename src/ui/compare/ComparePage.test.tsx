// @vitest-environment jsdom
import { estimated } from '../../model/comparison';
import { simulated } from '../../model/comparison';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareCatalog, DEFAULT_SCENARIO } from '../../app/compareModels';
import { runComparison } from '../../engine/compare';
import { estimateScenario } from '../../engine/scenario/estimate';
import { toComparisonView } from '../../engine/scenario/view';
import { scenarioFileText } from '../../model/scenarioCodec';
import { parseScenario, type ValidScenario } from '../../model/valid';
import { testCompareSession } from '../../test/compareSession';
import { linkParams } from '../../machines/compare/link';
import { DEFAULT_PRECISION, precisionRule } from '../../model/precision';
import { ComparePage, type ComparePageProps } from './ComparePage';

const small: ValidScenario = parseScenario({
  ...DEFAULT_SCENARIO,
  architectures: ['no-mesh', 'sidecar-envoy', 'proxyless-grpc', 'ambient'],
  run: { warmupRequests: 50, measuredRequests: 600 },
});

/** The page on a session with the real analysis and assembly; the test finishes the workers' runs by hand. */
function renderPage(
  over: Partial<ComparePageProps> & { scenario?: ValidScenario; precision?: number | null } = {},
) {
  const { scenario = small, precision = null, ...props } = over;
  const t = testCompareSession(scenario, 2, precision);
  const download = vi.fn();
  const all: ComparePageProps = {
    session: t.session,
    catalog: compareCatalog(),
    linkFor: (s, r) => `http://x/#/compare?seed=${s.seed}&r=${r}`,
    download,
    ...props,
  };
  const view = render(<ComparePage {...all} />);
  return { ...t, estimates: t.analysed, download, view };
}

const latencyRow = (arch: string) =>
  screen.getByTestId('latency-table').querySelector(`tr[data-arch="${arch}"]`) as HTMLElement;

afterEach(cleanup);

/**
 * The status line shows `text`, and the detailed results below it draw the same snapshot: they follow
 * a render behind (useDeferredValue), busy until then.
 */
async function shown(text: RegExp): Promise<void> {
  await screen.findByText(text);
  await waitFor(() =>
    expect(document.querySelector('section.results, .embed-results')).toHaveAttribute('aria-busy', 'false'),
  );
}

describe('Compare page', () => {
  it('shows the analytic estimate at once, then the simulation with progress, and links every number to its hops', async () => {
    const f = renderPage();
    await shown(/The analytic estimate is shown until it finishes\./);
    const est = estimateScenario(small).results;
    const envoyMean = estimated(est.find((e) => e.architecture === 'sidecar-envoy')).meanLatencyUs!;
    expect(latencyRow('sidecar-envoy')).toHaveTextContent(`${(envoyMean / 1000).toFixed(2)} ms`);
    expect(screen.getByTestId('headlines')).toHaveTextContent(
      /Istio sidecar \(Envoy\): \+0\.\d\d ms mean and \+0\.\d\d vCPU per 1000 rps vs no mesh \(analytic estimate\)\./,
    );
    // proxyless gRPC cannot run HTTP/1.1: the reason comes from the feature matrix.
    expect(screen.getByTestId('headlines')).toHaveTextContent(
      'Cannot run this scenario: HTTP/1.1 and HTTP/2 traffic: Proxyless mode works only for gRPC',
    );
    // The accepted scenario is the session's link.
    expect(new URLSearchParams(f.session.getSnapshot().link!.params).get('r')).toBe('2');

    await waitFor(() => expect(f.runs).toHaveLength(1), { timeout: 2_000 });
    // The one worker runs the whole job: each design that can run, replications `from` up to the round's end.
    const { designs, from, replications } = f.runs[0].input;
    const total = designs.length * (replications - from);
    act(() =>
      f.runs[0].progress({
        fraction: 0.5,
        runsDone: total / 2,
        runsTotal: total,
        architecture: 'sidecar-envoy',
      }),
    );
    expect(screen.getByRole('progressbar', { name: 'Simulation progress' })).toHaveAttribute(
      'aria-valuetext',
      '50 percent',
    );
    // One line for the whole comparison: no design named (workers run different designs at once).
    expect(screen.getByTestId('run-state')).toHaveTextContent(
      `Simulating: ${total / 2} of ${total} runs done.`,
    );
    expect(total % 2).toBe(0);

    await act(async () => f.runs[0].finish());
    const view = toComparisonView(runComparison(small, { replications: 2 }));
    const envoy = view.results.find((r) => r.architecture === 'sidecar-envoy')!;
    expect(screen.getByTestId('run-state')).toHaveAttribute('data-simulated', 'true');
    expect(latencyRow('sidecar-envoy').querySelector('[data-stat="p99"]')).toHaveTextContent(
      `${(simulated(envoy).latency!.p99.mean / 1000).toFixed(2)} ms ±`,
    );
    expect(latencyRow('sidecar-envoy').querySelector('[data-stat="p999"]')).toHaveTextContent('*'); // 600 samples: unreliable
    const added = (simulated(envoy).added!.p99.mean / 1000).toFixed(2);
    expect(screen.getByTestId('headlines')).toHaveTextContent(
      new RegExp(
        `Istio sidecar \\(Envoy\\): \\+${added.replace('.', '\\.')} ms p99 and \\+0\\.\\d+ vCPU per 1000 rps vs no mesh\\.`,
      ),
    );

    const p99 = within(latencyRow('sidecar-envoy')).getByRole('button', {
      name: /Istio sidecar \(Envoy\) p99 .*show the hops and sources/,
    });
    p99.focus();
    fireEvent.click(p99);
    const details = screen.getByRole('region', { name: 'Behind Istio sidecar (Envoy): p99 latency' });
    expect(screen.getByRole('heading', { name: 'Behind Istio sidecar (Envoy): p99 latency' })).toHaveFocus();
    const rows = within(details).getByTestId('details-table').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(simulated(envoy).ledger!.length);
    expect([...rows].filter((r) => r.getAttribute('data-kind') === 'proxy.l7')).toHaveLength(4);
    expect(details).toHaveTextContent(
      'istio-perf-1-24 — Performance and Scalability — Performance summary for Istio 1.24',
    );
    expect(within(details).getAllByText('estimate').length).toBeGreaterThan(0);
    fireEvent.click(within(details).getByRole('button', { name: 'Close details' }));
    expect(screen.queryByRole('region', { name: /^Behind/ })).not.toBeInTheDocument();
    expect(p99).toHaveFocus();
  });

  it('a control change re-estimates and changes the figures; a bad value names the field and keeps the scenario', async () => {
    const f = renderPage();
    await shown(/The analytic estimate is shown until it finishes\./);
    const before = latencyRow('sidecar-envoy').textContent;
    const headlinesBefore = screen.getByTestId('headlines').textContent;
    const box = screen.getByTestId('headlines-box');
    expect(box).toHaveAttribute('data-stale', 'false');
    const rate = screen.getByLabelText(/^Request rate/);
    fireEvent.change(rate, { target: { value: '5000' } });
    // Until the new estimate, the headlines are the last scenario's: dimmed, busy, and said to be.
    expect(box).toHaveAttribute('data-stale', 'true');
    expect(box).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByTestId('headlines').textContent).toBe(headlinesBefore);
    expect(screen.getByRole('note')).toHaveTextContent(
      'The previous scenario’s figures, until this one’s estimate is ready.',
    );
    await waitFor(() => expect(f.estimates.at(-1)!.workload.load).toMatchObject({ rps: 5000 }));
    await waitFor(() => expect(latencyRow('sidecar-envoy').textContent).not.toBe(before));
    expect(box).toHaveAttribute('data-stale', 'false');
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByTestId('headlines').textContent).not.toBe(headlinesBefore);

    const calls = f.estimates.length;
    fireEvent.change(rate, { target: { value: '-3' } });
    fireEvent.blur(rate);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Request rate must be from 1 to 1,000,000,000 req/s. Keeping 5,000 req/s (Esc restores it).',
    );
    expect(rate).toHaveAttribute('aria-invalid', 'true');
    expect(rate).toHaveAccessibleDescription(/Request rate must be/);
    fireEvent.change(rate, { target: { value: '1e3' } });
    expect(f.estimates).toHaveLength(calls);
    fireEvent.keyDown(rate, { key: 'Escape' });
    expect(rate).toHaveValue('5,000');
  });

  it('explains what a design cannot honour instead of clamping it', async () => {
    renderPage();
    await shown(/The analytic estimate is shown until it finishes\./);
    fireEvent.click(screen.getByLabelText('L7 policy'));
    // ambient has no L7: the feature matrix's reason is shown under the switch.
    await waitFor(() =>
      expect(screen.getByLabelText('L7 policy')).toHaveAccessibleDescription(
        /Istio ambient \(ztunnel, L4\): L7 policy is not available — ztunnel is L4 only/,
      ),
    );
    // Unchecking every architecture is refused, with the reason.
    for (const name of [
      'No mesh (kube-proxy)',
      'Istio sidecar (Envoy)',
      'Proxyless gRPC (xDS)',
      'Istio ambient (ztunnel, L4)',
    ]) {
      const box = screen.queryByLabelText(name);
      if (box) fireEvent.click(box);
    }
    expect(screen.getByRole('alert')).toHaveTextContent(/^Pick at least one architecture\. Keeping/);
  });

  it('a broken file shows its error naming the field and keeps the scenario; a good one loads', async () => {
    const f = renderPage();
    await shown(/The analytic estimate is shown until it finishes\./);
    const calls = f.estimates.length;
    const input = screen.getByTestId('load-file') as HTMLInputElement;
    const bad = new File(
      [JSON.stringify({ ...small, workload: { ...small.workload, requestKiB: 'big' } })],
      'broken.json',
      { type: 'application/json' },
    );
    await act(async () => fireEvent.change(input, { target: { files: [bad] } }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        /^broken\.json is not a valid scenario\. workload\.requestKiB: expected a number, received text "big"\. The current scenario is kept\.$/,
      ),
    );
    // Next to the file control, and describing it.
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/broken\.json is not a valid scenario/);
    expect(screen.getByTestId('load-file-error').closest('section')).toBe(input.closest('section'));
    expect(f.estimates).toHaveLength(calls);
    expect(screen.getByLabelText(/^Request size/)).toHaveValue('1');

    const good = new File(
      [scenarioFileText({ ...small, seed: 77, workload: { ...small.workload, requestKiB: 16 } })],
      'good.json',
    );
    await act(async () => fireEvent.change(input, { target: { files: [good] } }));
    await waitFor(() => expect(f.estimates.at(-1)!.seed).toBe(77));
    expect(screen.getByLabelText(/^Request size/)).toHaveValue('16');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('saves the scenario and exports the results, labelled as simulated', async () => {
    const f = renderPage();
    await shown(/The analytic estimate is shown until it finishes\./);
    expect(screen.getByRole('button', { name: 'CSV' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Save scenario file' }));
    expect(f.download).toHaveBeenCalledWith(
      'istio-benchmark-set-up-five-designs.meshpath.json',
      scenarioFileText(small),
      'application/json',
    );
    await waitFor(() => expect(f.runs).toHaveLength(1), { timeout: 2_000 });
    await act(async () => f.runs[0].finish());
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    const csv = f.download.mock.calls.at(-1)![1] as string;
    expect(csv.split('\n')[0]).toMatch(/^architecture,name,supported,source,mean_us,/);
    expect(csv).toContain('sidecar-envoy,Istio sidecar (Envoy),true,meshpath simulation,');
    fireEvent.click(screen.getByRole('button', { name: 'SMP-shaped (simulated)' }));
    const smp = JSON.parse(f.download.mock.calls.at(-1)![1] as string);
    expect(smp.note).toMatch(/^Simulated by meshpath/);
    expect(
      smp.results.map((r: { labels: { architecture: string; simulated: string } }) => [
        r.labels.architecture,
        r.labels.simulated,
      ]),
    ).toEqual([
      ['no-mesh', 'true'],
      ['sidecar-envoy', 'true'],
      ['ambient', 'true'],
    ]);
  });

  it('follows the link on back/forward, and says what is wrong with a bad one', async () => {
    const f = renderPage();
    await shown(/The analytic estimate is shown until it finishes\./);
    const other = { ...small, seed: 9 };
    act(() => f.session.openLink(linkParams(other, 3, DEFAULT_PRECISION)));
    await waitFor(() => expect(f.estimates.at(-1)!.seed).toBe(9));
    expect(screen.getByLabelText(/^Seed/)).toHaveValue('9');
    expect(screen.getByLabelText(/^Replications/)).toHaveValue('3');
    act(() => f.session.openLink(new URLSearchParams('s=AB%25&r=2')));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^The link’s scenario \(s=…\) is damaged: .* The current scenario is kept\.$/,
    );
    expect(screen.getByLabelText(/^Seed/)).toHaveValue('9');
  });

  it('embeds without controls, with a link back to the full page', async () => {
    renderPage({ embed: true, linkFor: (s) => `http://x/#/compare?seed=${s.seed}` });
    await shown(/The analytic estimate is shown until it finishes\./);
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Request rate/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open this scenario in meshpath' })).toHaveAttribute(
      'href',
      `http://x/#/compare?seed=${small.seed}`,
    );
    expect(screen.getByTestId('latency-table')).toBeInTheDocument();
  });
});

describe('Compare page: outcomes, names and feedback', () => {
  it('shows failed requests and retries, and says latency covers only successful requests', async () => {
    const lossy = parseScenario({
      ...small,
      architectures: ['no-mesh', 'sidecar-envoy'],
      failure: { kind: 'loss', service: small.topology.services[0].id, probability: 0.2 },
    });
    const f = renderPage({ scenario: lossy });
    await shown(/The analytic estimate is shown until it finishes\./);
    expect(screen.getByTestId('outcomes-pending')).toHaveTextContent('appear when the simulation finishes');
    await waitFor(() => expect(f.runs).toHaveLength(1), { timeout: 2_000 });
    await act(async () => f.runs[0].finish());
    const row = (a: string) =>
      screen.getByTestId('outcomes-table').querySelector(`tr[data-arch="${a}"]`) as HTMLElement;
    expect(row('no-mesh').querySelector('[data-stat="failed"]')!.textContent).toMatch(/^(1\d|2\d)\u00a0%/);
    expect(Number(row('sidecar-envoy').querySelector('[data-stat="retries"]')!.textContent)).toBeGreaterThan(
      0,
    );
    expect(screen.getByTestId('headlines')).toHaveTextContent(
      /No mesh \(kube-proxy\): Baseline: p99 of successful requests .* \d+\s% of requests failed\./,
    );
    expect(screen.getByTestId('headlines')).toHaveTextContent(
      /Retries \(0\.\d+ per request\) (kept failures to|saved every request)/,
    );
    expect(screen.getByRole('heading', { name: 'Latency of successful requests' })).toBeInTheDocument();
  });

  it('names the loaded scenario, says “custom” once edited, and loads a preset on choice', async () => {
    const f = renderPage();
    await shown(/The analytic estimate is shown until it finishes\./);
    expect(screen.getByTestId('scenario-name')).toHaveTextContent(`Scenario: ${small.name}`);
    fireEvent.change(screen.getByLabelText(/^Request rate/), { target: { value: '2000' } });
    await waitFor(() =>
      expect(screen.getByTestId('scenario-name')).toHaveTextContent(
        `Scenario: Custom (edited from “${small.name}”)`,
      ),
    );
    const catalog = compareCatalog();
    const preset = catalog.presets[0];
    const select = screen.getByLabelText('Load a preset scenario') as HTMLSelectElement;
    expect(select.value).toBe('');
    fireEvent.change(select, { target: { value: preset.id } });
    await waitFor(() => expect(f.estimates.at(-1)).toEqual(preset.scenario));
    expect(screen.getByTestId('scenario-name')).toHaveTextContent(`Scenario: ${preset.scenario.name}`);
    expect((screen.getByLabelText('Load a preset scenario') as HTMLSelectElement).value).toBe(preset.id);
  });

  it('says when the link was copied', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPage();
    // The detail, with the share bar, joins the layout with the first estimate.
    const copy = await screen.findByRole('button', { name: 'Copy link' });
    await act(async () => fireEvent.click(copy));
    expect(writeText).toHaveBeenCalled();
    expect(screen.getByTestId('copy-status')).toHaveTextContent('Link copied to the clipboard.');
  });

  it('keeps what sits below the headlines out of the layout until the first estimate (no layout shift)', async () => {
    const { view } = renderPage();
    const detail = view.container.querySelector('section.results') as HTMLElement;
    const skip = view.container.querySelector('.skip-to-detail') as HTMLElement;
    expect(screen.getByTestId('run-state')).toHaveAttribute('data-phase', 'estimating');
    expect(screen.getByTestId('headlines').children).toHaveLength(0);
    expect(detail).not.toBeVisible();
    expect(skip).not.toBeVisible();
    await shown(/The analytic estimate is shown until it finishes\./);
    expect(screen.getByTestId('headlines').children).toHaveLength(4);
    // The same elements, shown: mounted once, never rebuilt.
    expect(view.container.querySelector('section.results')).toBe(detail);
    expect(detail).toBeVisible();
    expect(skip).toBeVisible();
  });

  it('puts the headlines before the controls in reading order', () => {
    renderPage();
    const summary = screen.getByTestId('results-summary');
    const form = screen.getByRole('form', { name: 'Scenario' });
    expect(summary.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(summary).getByTestId('headlines')).toBeInTheDocument();
  });

  it('folds the scenario form away and back, keeping what was typed in it', () => {
    renderPage();
    const rate = screen.getByLabelText(/^Request rate/) as HTMLInputElement;
    const typed = rate.value;
    const toggle = screen.getByRole('button', { name: 'Hide the scenario form' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).toBe(
      screen.getByRole('form', { name: 'Scenario' }),
    );
    fireEvent.click(toggle);
    expect(screen.queryByRole('form', { name: 'Scenario' })).toBeNull(); // hidden from everyone
    expect(toggle.textContent).toBe('Show the scenario form');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(screen.getByRole('form', { name: 'Scenario' })).toBeInTheDocument();
    expect((screen.getByLabelText(/^Request rate/) as HTMLInputElement).value).toBe(typed);
  });

  it('precision: each round’s figures are shown while the next refines them, then how precise they are', async () => {
    const f = renderPage({ precision: DEFAULT_PRECISION });
    expect(screen.getByLabelText('Precision')).toHaveValue(String(DEFAULT_PRECISION));
    expect(screen.getByTestId('run-size')).toHaveTextContent(
      'At least 1,200 measured requests per architecture; more rounds until ±2 %.',
    );
    await waitFor(() => expect(f.runs).toHaveLength(1), { timeout: 2_000 });
    await act(async () => f.runs[0].finish());
    // Two replications never give ±2 % at 99 %: a second round runs from replication 2 — replication 2
    // itself started while the first round was assembled, the rest of the round after it.
    expect(f.runs).toHaveLength(3);
    expect(f.runs.slice(1).map((r) => [r.input.from, r.input.replications, r.input.progress])).toEqual([
      [2, 3, false],
      [3, f.session.getSnapshot().result!.precision!.next, true],
    ]);
    const round = f.session.getSnapshot();
    expect(round.refining).toBe(true);
    expect(screen.getByTestId('run-state')).toHaveTextContent(
      new RegExp(
        `^Refining to ±2 %: 2 replications shown \\(±[\\d.]+ %\\); running up to ${round.result!.precision!.next}, 0 of`,
      ),
    );
    // The first round's figures are on the page meanwhile.
    expect(screen.getByTestId('latency-table')).toHaveTextContent('±');
    for (let i = 1; f.session.getSnapshot().refining; i++) await act(async () => f.runs[i].finish());
    const done = f.session.getSnapshot().result!;
    const engine = runComparison(small, { replications: 2, precision: precisionRule(DEFAULT_PRECISION) });
    expect(done.replications).toBe(engine.precision.replications);
    expect(screen.getByTestId('run-state')).toHaveTextContent(
      new RegExp(
        `× ${done.replications} replications × 600 measured requests, seed 1\\. Precise to ±[\\d.]+ % \\(±2 % asked\\)\\.$`,
      ),
    );
    // A fixed count from the same control: the link says so.
    fireEvent.change(screen.getByLabelText('Precision'), { target: { value: 'fixed' } });
    await waitFor(() =>
      expect(new URLSearchParams(f.session.getSnapshot().link!.params).get('p')).toBe('fixed'),
    );
    expect(screen.getByTestId('run-size')).toHaveTextContent('1,200 measured requests per architecture.');
  });
});
