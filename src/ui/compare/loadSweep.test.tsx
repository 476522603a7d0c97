// @vitest-environment jsdom
import type { DesignEstimate, SimulatedView } from '../../model/comparison';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sweep } from '../../machines/compare/types';
import { CurvesSection } from './CurvesSection';
import type { Figures } from './figures';
import { analyticMeanAt, loadMarks } from './loadSweep';

const ci = (mean: number, halfWidth: number) => ({
  mean,
  halfWidth,
  lower: mean - halfWidth,
  upper: mean + halfWidth,
  n: 5,
  relativeHalfWidth: halfWidth / mean,
});
const latency = (mean: number, p99: number) => ({
  mean: ci(mean, mean / 100),
  p50: ci(mean, 1),
  p90: ci(mean, 1),
  p99: ci(p99, p99 / 20),
  p999: ci(p99, 1),
});

const envoy: Figures = {
  id: 'sidecar-envoy',
  name: 'Istio sidecar',
  estimate: {
    architecture: 'sidecar-envoy',
    name: 'Istio sidecar',
    notes: [],
    rps: 1000,
    meanLatencyUs: 600,
    saturationRps: 10_000,
    loadCurve: [
      { rps: 200, meanUs: 500 },
      { rps: 1000, meanUs: 600 },
      { rps: 5000, meanUs: 1000 },
      { rps: 9000, meanUs: 5000 },
    ],
  } as unknown as DesignEstimate,
  // A stand-in with only what the chart reads.
  simulated: {
    architecture: 'sidecar-envoy',
    name: 'Istio sidecar',
    notes: [],
    latency: latency(620, 1500),
  } as unknown as SimulatedView,
};
const sweep: Sweep = {
  key: 'k',
  loads: [2000, 4500, 7000, 9000],
  status: 'running',
  points: [
    {
      fraction: 0.2,
      rps: 2000,
      measuredRequests: 1000,
      replications: 5,
      values: [{ architecture: 'sidecar-envoy', mean: ci(700, 10), p99: ci(1800, 90) }],
    },
    {
      fraction: 0.45,
      rps: 4500,
      measuredRequests: 1000,
      replications: 5,
      values: [{ architecture: 'sidecar-envoy', mean: ci(950, 20), p99: ci(3000, 200) }],
    },
  ],
};

afterEach(cleanup);

describe('latency against offered load: simulated points', () => {
  it('marks the simulated mean and p99 with their intervals, in ms, at the scenario’s load and each sweep load', () => {
    const marks = loadMarks(envoy, sweep, true);
    expect(marks.map((m) => [m.kind, m.x, m.y, m.low, m.high])).toEqual([
      ['sim-mean', 1000, 0.62, 613.8 / 1000, 626.2 / 1000],
      ['sim-p99', 1000, 1.5, 1.425, 1.575],
      ['sim-mean', 2000, 0.7, 0.69, 0.71],
      ['sim-p99', 2000, 1.8, 1.71, 1.89],
      ['sim-mean', 4500, 0.95, 0.93, 0.97],
      ['sim-p99', 4500, 3, 2.8, 3.2],
    ]);
    // Before the simulation finishes: the analytic mean at the scenario's load only, and no sweep points.
    expect(loadMarks(envoy, sweep, false)).toEqual([
      {
        x: 1000,
        y: 0.6,
        label: 'Istio sidecar at the scenario’s load (analytic mean)',
        kind: 'analytic-mean',
      },
    ]);
  });

  it('reads the analytic mean off the curve between its points; below it, an upper bound; beyond it, nothing', () => {
    expect(analyticMeanAt(envoy, 3000)).toEqual({ us: 800, atMost: false });
    expect(analyticMeanAt(envoy, 9000)).toEqual({ us: 5000, atMost: false });
    expect(analyticMeanAt(envoy, 100)).toEqual({ us: 500, atMost: true });
    expect(analyticMeanAt(envoy, 9500).us).toBeNaN();
  });

  it('draws the points on the chart and lists them in its table, marked simulated beside the analytic mean', () => {
    render(<CurvesSection figures={[envoy]} simulated sweep={sweep} level={0.99} />);
    const chart = screen.getByRole('img', { name: /^Latency against offered load/ });
    expect(chart.querySelectorAll('[data-kind="sim-p99"]')).toHaveLength(3);
    expect(chart.querySelectorAll('[data-kind="sim-mean"] line.whisker')).toHaveLength(3);
    expect(chart.querySelector('[data-join="sim-p99"]')).not.toBeNull();
    const table = screen.getByTestId('load-sweep-table');
    expect(table.getAttribute('data-sweep')).toBe('running');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-source'))).toEqual(['scenario', 'sweep', 'sweep']);
    expect(rows[2]).toHaveTextContent('4,500 req/s (45 % of the sweep’s saturation load)');
    expect(rows[2]).toHaveTextContent('simulated (load sweep, 5 × 1,000 requests)');
    expect(within(rows[2]).getByText(/read off the curve/)).toHaveTextContent('0.95 ms (read off the curve)');
    expect(rows[2].querySelector('[data-stat="p99"]')).toHaveTextContent('3.00 ms ± 0.20 ms');
  });
});
