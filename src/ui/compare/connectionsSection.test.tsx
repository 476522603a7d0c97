// @vitest-environment jsdom
import type { ComponentProps } from 'react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import preset from '../../../models/presets/istio-benchmark.json';
import type { ConnectionsSweep } from '../../machines/compare/connectionsSweep';
import { loadCitations } from '../../model/catalogs';
import { ScenarioSchema } from '../../model/scenario';
import { ConnectionsSection } from './ConnectionsSection';
import type { Figures } from './figures';

const scenario = { ...ScenarioSchema.parse(preset), architectures: ['no-mesh', 'sidecar-envoy'] as const };
const citations = loadCitations();
const figures: Figures[] = [
  { id: 'no-mesh', name: 'No mesh' },
  { id: 'sidecar-envoy', name: 'Istio sidecar' },
];
const ci = (mean: number) => ({
  mean,
  halfWidth: 10,
  lower: mean - 10,
  upper: mean + 10,
  n: 2,
  relativeHalfWidth: 10 / mean,
});
const sweep = (status: ConnectionsSweep['status'], counts = [1, 2, 4]): ConnectionsSweep => ({
  key: 'k',
  counts: [1, 2, 4, 8, 16, 32, 64],
  status,
  points: counts.map((n) => ({
    connections: n,
    measuredRequests: 1000,
    replications: 2,
    values: [{ architecture: 'sidecar-envoy', p50: ci(180 + n), p99: ci(290 + 4 * n) }],
  })),
});
const draw = (props: Partial<ComponentProps<typeof ConnectionsSection>> = {}) => {
  const onRun = vi.fn();
  const onStop = vi.fn();
  render(
    <ConnectionsSection
      figures={figures}
      scenario={{ ...scenario, architectures: [...scenario.architectures] }}
      citations={citations}
      sweep={null}
      phase="idle"
      canRun
      onRun={onRun}
      onStop={onStop}
      {...props}
    />,
  );
  return { onRun, onStop };
};

afterEach(cleanup);

describe('the connections sweep section', () => {
  it('runs on demand: a button, disabled while the main simulation runs', () => {
    const { onRun } = draw();
    fireEvent.click(screen.getByRole('button', { name: /Run the connections sweep \(1–64 connections\)/ }));
    expect(onRun).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('img')).toBeNull(); // nothing drawn before it runs
    cleanup();
    draw({ phase: 'running' });
    expect(screen.getByTestId('run-connections')).toHaveProperty('disabled', true);
  });

  it('while running says how far it is and offers Stop', () => {
    const { onStop } = draw({ sweep: sweep('running', [1, 2]), phase: 'sweeping' });
    expect(screen.getByTestId('connections-state').textContent).toBe(
      'Connections sweep running: 2 of 7 simulated.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Stop the connections sweep' }));
    expect(onStop).toHaveBeenCalledTimes(1);
  });

  it('draws added p50 and p99 against connections, with the published connection-range figures as bands', () => {
    draw({ sweep: sweep('done', [1, 2, 4, 8, 16, 32, 64]) });
    const chart = screen.getByRole('img', { name: /Added latency against client connections/ });
    const marks = [...chart.querySelectorAll('[data-line="sidecar-envoy"] [data-kind="added-p99"]')];
    expect(marks.map((m) => [Number(m.getAttribute('data-x')), Number(m.getAttribute('data-y'))])).toEqual(
      [1, 2, 4, 8, 16, 32, 64].map((n) => [n, (290 + 4 * n) / 1000]),
    );
    // Sidecar sources with a stated connection range: 1.20 (2–64) [1], 1.12 (16) [3], ~1.7 (16) [4]; the modes page [2] states none, so has no band.
    const bands = [...chart.querySelectorAll('.published-marker')].map((b) => [
      b.getAttribute('data-marker'),
      b.getAttribute('data-shape'),
      Number(b.getAttribute('data-y')),
    ]);
    expect(bands).toEqual([
      ['1', 'triangle', 0.228],
      ['1', 'square', 0.298],
      ['3', 'triangle', 1.7],
      ['3', 'square', 2.7],
      ['4', 'triangle', 2.76],
      ['4', 'square', 2.88],
    ]);
    const list = within(screen.getByTestId('connections-published'));
    expect(list.getAllByRole('listitem')[0].textContent).toMatch(
      /^\[1\] Istio sidecar: p90 \+0\.23.*over 2–64 connections/,
    );
    expect(list.getAllByRole('link')).toHaveLength(3);
    const row = screen.getByTestId('connections-table').querySelector('[data-connections="64"]')!;
    expect(row.querySelector('[data-stat="added-p99"]')!.textContent).toBe('+0.55\u00a0ms ± 0.01\u00a0ms');
  });
});
