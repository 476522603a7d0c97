// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import preset from '../../../models/presets/istio-benchmark.json';
import { loadCitations } from '../../model/catalogs';
import type { DesignEstimate } from '../../model/comparison';
import { ScenarioSchema, type Scenario } from '../../model/scenario';
import type { Figures } from './figures';
import { LatencySection } from './LatencySection';

const istio = ScenarioSchema.parse(preset);
const citations = loadCitations();
const design = (id: Figures['id'], name: string, addedMeanUs: number): Figures => ({
  id,
  name,
  // A stand-in with only what the section reads.
  estimate: {
    architecture: id,
    name,
    notes: [],
    meanLatencyUs: 500 + addedMeanUs,
    addedMeanUs,
  } as unknown as DesignEstimate,
});
const figures = [
  design('no-mesh', 'No mesh', 0),
  design('sidecar-envoy', 'Istio sidecar', 250),
  design('ambient', 'Istio ambient', 180),
];
const draw = (scenario: Scenario | undefined) =>
  render(
    <LatencySection
      figures={figures}
      simulated={false}
      level={0.99}
      onSelect={() => {}}
      scenario={scenario}
      citations={citations}
    />,
  );

afterEach(cleanup);

describe('published figures on the added-latency chart', () => {
  it('draws each published percentile as a shaped, numbered marker on its design’s row, titled with its conditions', () => {
    draw({ ...istio, architectures: ['no-mesh', 'sidecar-envoy', 'ambient'] });
    const added = screen.getByRole('img', { name: /latency added over no mesh/i });
    const row = added.querySelector('[data-row="sidecar-envoy"]')!;
    const marks = [...row.querySelectorAll('.published-marker')].map((m) => [
      m.getAttribute('data-marker'),
      m.getAttribute('data-shape'),
      Number(m.getAttribute('data-value')),
    ]);
    // Four sidecar sources, none averaged: 1.20 text [1], modes page [3], 1.12 [5], ~1.7 [6].
    expect(marks).toEqual([
      ['1', 'triangle', 228],
      ['1', 'square', 298],
      ['3', 'triangle', 630],
      ['3', 'square', 880],
      ['5', 'triangle', 1700],
      ['5', 'square', 2700],
      ['6', 'triangle', 2760],
      ['6', 'square', 2880],
    ]);
    const first = row.querySelector('[data-marker="1"] title')!.textContent!;
    expect(first).toContain('[1] published p90 added latency +0.23');
    expect(first).toContain('Istio 1.20; 1,000 rps; 2–64 connections');
    // Markers only on the rows of designs with published figures; the no-mesh baseline has no row.
    expect(added.querySelectorAll('[data-row="ambient"] .published-marker')).toHaveLength(4);
    // The chart's description says what the marks are.
    expect(
      screen.getByRole('img', { name: /latency added over no mesh/i }).getAttribute('aria-label'),
    ).toMatch(/published figures \(triangle p90, square p99\)/);
  });

  it('lists every entry with its conditions and a link to its source; notes where the scenario differs', () => {
    draw({ ...istio, architectures: ['no-mesh', 'sidecar-envoy', 'ambient'] });
    const list = within(screen.getByTestId('published-figures'));
    const items = list.getAllByRole('listitem');
    expect(items).toHaveLength(6);
    expect(items[0].getAttribute('value')).toBe('1');
    expect(items[0].textContent).toContain('Istio sidecar: ▲ p90 +0.23');
    const link = within(items[0]).getByRole('link', {
      name: 'Performance and Scalability — latency for Istio 1.20',
    });
    expect(link.getAttribute('href')).toBe(
      'https://istio.io/v1.20/docs/ops/deployment/performance-and-scalability/',
    );
    expect(items.every((li) => within(li).queryAllByRole('link').length === 1)).toBe(true);
    // The preset is the published set-up: only the pages without conditions are noted.
    expect(screen.getByTestId('published-note').textContent).toBe('[3], [4] state no conditions to compare.');
  });

  it('says when the scenario’s rate and connections differ from the published ones', () => {
    draw({
      ...istio,
      architectures: ['no-mesh', 'ambient'],
      workload: { ...istio.workload, load: { kind: 'open', rps: 5000, connections: 100 } },
    });
    expect(screen.getByTestId('published-note').textContent).toMatch(
      /^This scenario differs from the conditions of \[1\] \(1000 rps, 1–64 connections\), so the model need not land on it\. \[2\] states no conditions to compare\.$/,
    );
  });

  it('without a scenario (or for designs no source measured) draws no markers and no list', () => {
    const { container } = draw(undefined);
    expect(container.querySelectorAll('.published-marker')).toHaveLength(0);
    expect(screen.queryByTestId('published-figures')).toBeNull();
    cleanup();
    draw({ ...istio, architectures: ['no-mesh', 'cilium-ebpf'] });
    expect(screen.queryByTestId('published-figures')).toBeNull();
  });
});
