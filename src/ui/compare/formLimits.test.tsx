// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import { formRange, LIMITS, type Limit } from '../../model/limits';
import { ScenarioSchema, type Scenario } from '../../model/scenario';
import { LoadControls } from './LoadControls';
import { rangeText } from './numbers';
import { ResilienceControls } from './ResilienceControls';
import { RunControls } from './RunControls';
import { TopologyControls } from './TopologyControls';

afterEach(cleanup);

const closed = ScenarioSchema.parse({
  ...bench,
  workload: {
    ...bench.workload,
    load: { kind: 'closed', connections: 4, think: { kind: 'exponential', mean: 1e4 } },
  },
  features: { ...bench.features, timeoutMs: 100 },
  failure: { kind: 'delay', service: 'fortio-server', addedUs: 5000 },
});
const noop = () => {};

/** The hint under a field: its range, as NumberField words it. */
function hintOf(label: RegExp): string {
  const input = screen.getByLabelText(label);
  return document.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0])!.textContent!;
}
const words = (label: string, l: Limit, scale = 1, unit?: string) => {
  const t = rangeText({ label, unit, ...formRange(l, scale) });
  return t.charAt(0).toUpperCase() + t.slice(1);
};

describe('the Compare form takes its ranges from the scenario limits', () => {
  it('load, messages, topology, resilience and run fields show the limits table’s ranges', () => {
    render(
      <>
        <LoadControls scenario={closed} update={noop} />
        <TopologyControls scenario={closed} estimate={null} update={noop} />
        <ResilienceControls scenario={closed} estimate={null} update={noop} />
        <RunControls
          scenario={closed}
          replications={5}
          precision={null}
          update={noop}
          onReplications={noop}
          onPrecision={noop}
        />
      </>,
    );
    expect(hintOf(/^Connections/)).toContain(words('Connections', LIMITS.connections));
    expect(hintOf(/^Connections/)).toContain('A whole number from 1 to 10,000.');
    expect(hintOf(/^Think time/)).toContain(words('Think time', LIMITS.thinkUs, 0.001, 'ms'));
    expect(hintOf(/^Request size/)).toContain(words('Request size', LIMITS.messageKiB, 1, 'KiB'));
    expect(hintOf(/^Nodes/)).toContain(words('Nodes', LIMITS.nodes));
    expect(hintOf(/^Replicas per service/)).toContain(words('Replicas', LIMITS.replicas, 1, 'pods'));
    expect(hintOf(/^Timeout per try/)).toContain(words('Timeout', LIMITS.timeoutMs, 1, 'ms'));
    expect(hintOf(/^Added delay/)).toContain(words('Added delay', LIMITS.addedUs, 0.001, 'ms'));
    expect(hintOf(/^Measured requests/)).toContain(words('Measured', LIMITS.measuredRequests));
    expect(hintOf(/^Warm-up requests/)).toContain(words('Warm-up', LIMITS.warmupRequests));
  });

  it('a value past the practical limit is refused, naming the field and the limit, as a link is', () => {
    let changed: Scenario | null = null;
    render(<LoadControls scenario={closed} update={(f) => (changed = f(closed))} />);
    const conns = screen.getByLabelText(/^Connections/);
    fireEvent.change(conns, { target: { value: '10001' } });
    fireEvent.blur(conns);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Connections must be a whole number from 1 to 10,000. Keeping 4 (Esc restores it).',
    );
    expect(changed).toBeNull();
    fireEvent.change(conns, { target: { value: '10000' } });
    expect(changed!.workload.load.connections).toBe(10_000);
  });
});

describe('the proxy configuration scope', () => {
  it('is a choice on the form, shown as the scenario has it and changed on choice', () => {
    const scenario = ScenarioSchema.parse(bench);
    expect(scenario.topology.configScope).toBe('dependencies');
    let next: Scenario = scenario;
    render(<TopologyControls scenario={scenario} estimate={null} update={(f) => (next = f(next))} />);
    const select = screen.getByLabelText<HTMLSelectElement>(/^Configuration each Envoy sidecar/);
    expect(select.value).toBe('dependencies');
    fireEvent.change(select, { target: { value: 'mesh' } });
    expect(next.topology.configScope).toBe('mesh');
    expect(next.topology.services).toBe(scenario.topology.services); // nothing else changed
  });
});

describe('the handler time', () => {
  it('says it is a mean, with the variation its draws have', () => {
    const scenario = ScenarioSchema.parse(bench);
    render(<TopologyControls scenario={scenario} estimate={null} update={noop} />);
    const input = screen.getByLabelText(/^Handler time/);
    const hints = input
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)!.textContent)
      .join(' ');
    expect(hints).toContain(
      `Mean CPU the application spends on each request: each request's varies around it (coefficient of variation ${scenario.variability.cpuCv}`,
    );
  });
});
