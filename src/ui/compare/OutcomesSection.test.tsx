// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { estimateScenario } from '../../engine/scenario/estimate';
import { figuresOf, percent } from './figures';
import { OutcomesSection } from './OutcomesSection';

afterEach(cleanup);

const preset = JSON.parse(readFileSync('models/presets/istio-benchmark.json', 'utf8'));
const scenario = (rps: number) => ({
  ...preset,
  architectures: ['library', 'sidecar-envoy'],
  workload: { ...preset.workload, load: { kind: 'open', rps } },
  failure: { kind: 'delay', service: 'fortio-server', addedUs: 5000 },
});

describe('OutcomesSection before the simulation', () => {
  it('shows the estimated share a held Hystrix pool refuses, for the designs that refuse', () => {
    const figures = figuresOf(estimateScenario(scenario(2400)), null);
    render(<OutcomesSection figures={figures} simulated={false} failureInjected />);
    const table = screen.getByTestId('refused-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveAttribute('data-arch', 'library');
    const share = figures[0].estimate!.refusedShare!;
    expect(share).toBeGreaterThan(0.25);
    expect(rows[0].textContent).toContain(percent(share));
    expect(percent(share)).toMatch(/^3\d\u00a0%$/);
  });

  it('says failures wait for the simulation when no pool refuses', () => {
    render(
      <OutcomesSection
        figures={figuresOf(estimateScenario(scenario(400)), null)}
        simulated={false}
        failureInjected
      />,
    );
    expect(screen.queryByTestId('refused-table')).toBeNull();
    expect(screen.getByTestId('outcomes-pending')).toHaveTextContent('appear when the simulation finishes');
  });
});
