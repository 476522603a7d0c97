// @vitest-environment jsdom
import { simulated } from '../../model/comparison';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import { runComparison } from '../../engine/compare';
import { estimateScenario } from '../../engine/scenario/estimate';
import { toComparisonView } from '../../engine/scenario/view';
import { ScenarioSchema, type Scenario } from '../../model/scenario';
import { failureCause, figuresOf, headline, noneSucceeded, outcomeSentence } from './figures';
import { Headlines } from './Headlines';
import { BreakdownSection } from './BreakdownSection';
import { LatencySection } from './LatencySection';
import { ResilienceControls } from './ResilienceControls';

afterEach(cleanup);

// A pod down in the preset's one-replica service: every call fails, whatever the design.
const base = ScenarioSchema.parse(bench);
const service = base.topology.services[0]!.id;
const podDown = ScenarioSchema.parse({
  ...base,
  architectures: ['no-mesh', 'sidecar-envoy'],
  run: { warmupRequests: 50, measuredRequests: 500 },
  failure: { kind: 'pod-down', service },
});
const view = toComparisonView(runComparison(podDown, { replications: 2 }));
const figs = figuresOf(estimateScenario(podDown), view);

describe('a pod down in a service with one replica', () => {
  it('fails every request in every design', () => {
    expect(base.topology.services[0]!.replicas).toBe(1);
    for (const r of view.results) expect(simulated(r).outcomes!.failedShare.mean).toBe(1);
    expect(figs.every(noneSucceeded)).toBe(true);
    expect(simulated(view.results[1]).outcomes!.retriesPerRequest.mean).toBeGreaterThan(1);
  });

  it('says so in the outcome and the headline, without a latency of nothing', () => {
    const cause = failureCause(podDown);
    expect(cause).toBe('no replica was up');
    expect(outcomeSentence(figs[1]!, cause)).toBe(
      'Every request failed; retries could not help: no replica was up.',
    );
    expect(outcomeSentence(figs[0]!, cause)).toBe('Every request failed: no replica was up.');
    const h0 = headline(figs[0]!, figs[0], cause);
    expect(h0).toMatch(
      /^Baseline: no successful requests; \d\.\d+ vCPU per 1000 rps\. Every request failed: no replica was up\.$/,
    );
    expect(h0).not.toMatch(/—|kept failures/);
    expect(headline(figs[1]!, figs[0], cause)).toBe(
      'No successful requests: no latency to compare. Every request failed; retries could not help: no replica was up.',
    );
    render(<Headlines figures={figs} cause={cause} onSelect={() => {}} />);
    expect(screen.getByTestId('headlines')).not.toHaveTextContent(/100\u00a0%/);
  });

  it('keeps failure wording for partial failures and other scenarios', () => {
    const twoReplicas = {
      ...podDown,
      topology: { ...podDown.topology, services: [{ ...podDown.topology.services[0]!, replicas: 2 }] },
    };
    expect(failureCause(twoReplicas)).toBeUndefined();
    expect(failureCause({ ...podDown, failure: { kind: 'none' } })).toBeUndefined();
  });

  it('draws no latency chart, saying no request succeeded', () => {
    const { container } = render(
      <LatencySection figures={figs} simulated level={0.99} successOnly onSelect={() => {}} />,
    );
    expect(screen.getByTestId('no-success')).toHaveTextContent('No successful requests in any design');
    expect(container.querySelector('svg')).toBeNull();
    expect(container.textContent).not.toMatch(/0\.000/);
  });

  it('breaks down no time per request for a design whose requests all failed', () => {
    const { container } = render(<BreakdownSection figures={figs} simulated onSelect={() => {}} />);
    const rows = within(screen.getByTestId('breakdown-table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toHaveTextContent('no successful requests');
    // No per-request figure is drawn at all (before, the failed requests' time showed as ≈ 10⁵–10⁶ µs "per request").
    expect(container.querySelectorAll('[data-stat="total"]')).toHaveLength(0);
  });

  it('marks only the designs with no successes when others have latency', () => {
    const ok = figuresOf(
      null,
      toComparisonView(runComparison({ ...podDown, failure: { kind: 'none' } }, { replications: 1 })),
    );
    const mixed = [ok[0]!, figs[1]!];
    render(<LatencySection figures={mixed} simulated level={0.99} successOnly onSelect={() => {}} />);
    const table = screen.getByTestId('latency-table');
    expect(within(table).getAllByRole('row')[2]).toHaveTextContent('no successful requests');
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(/ms ±/);
  });

  it('warns in the failure control that the only replica is down', () => {
    const renderWith = (s: Scenario) =>
      render(<ResilienceControls scenario={s} estimate={null} update={() => {}} />);
    renderWith(podDown);
    expect(screen.getByTestId('single-replica-warning')).toHaveTextContent(
      `${service} has one replica: its only replica is down, so every call to it fails`,
    );
    cleanup();
    renderWith({
      ...podDown,
      topology: { ...podDown.topology, services: [{ ...podDown.topology.services[0]!, replicas: 3 }] },
    });
    expect(screen.queryByTestId('single-replica-warning')).toBeNull();
  });
});
