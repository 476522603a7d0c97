// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticEstimate } from '../engine';
import type { RunSummary } from '../model/result';
import type { SimSpecInput } from '../model/simSpec';
import type { RunOutcome, RunProgress } from '../worker/client';
import { SampleRun } from './SampleRun';
import type { EngineRunner, Sample } from './types';

const latency = {
  n: 200_000,
  mean: 1.9953,
  min: 0.001,
  p50: 1.39,
  p90: 4.6,
  p99: 9.143,
  p999: 13.8,
  max: 25.1,
};
const summary: RunSummary = {
  seed: 1,
  endUs: 420_000,
  windowUs: 400_000,
  events: 420_001,
  requests: { measured: 200_000, completed: 200_000, failed: 0, timeouts: 0, retries: 0 },
  latency: { intended: latency, actual: latency },
  throughputRps: 500_123.4,
  meanInSystem: 0.998,
  perRequest: { hops: 1, kernelCrossings: 0, copies: 0, contextSwitches: 0, cpuUs: 1 },
  stations: [
    {
      id: 'cpu',
      kind: 'cpu',
      node: '',
      component: '',
      servers: 1,
      utilization: 0.5004,
      meanQueueLength: 0.5,
    },
  ],
  hops: [],
  cpu: [],
};
const analytic: AnalyticEstimate = {
  applicable: true,
  approximate: true,
  saturated: false,
  meanLatencyUs: 2,
  stations: [],
};

const samples: Sample[] = [
  { id: 'a', label: 'Sample A', description: 'first', spec: { seed: 0 } as SimSpecInput },
  { id: 'b', label: 'Sample B', description: 'second', spec: { seed: 0 } as SimSpecInput },
];

/** A client whose runs the test finishes by hand. */
function fakeClient() {
  const runs: {
    spec: SimSpecInput;
    progress: (p: RunProgress) => void;
    finish: (o: RunOutcome) => void;
    cancel: ReturnType<typeof vi.fn>;
  }[] = [];
  const client: EngineRunner = {
    run(spec, onProgress) {
      let finish!: (o: RunOutcome) => void;
      const promise = new Promise<RunOutcome>((r) => (finish = r));
      const cancel = vi.fn(() => finish({ status: 'cancelled' }));
      runs.push({ spec, progress: (p) => onProgress?.(p), finish, cancel });
      return { promise, cancel };
    },
  };
  return { client, runs };
}

async function completeRun(f: ReturnType<typeof fakeClient>) {
  fireEvent.click(screen.getByRole('button', { name: 'Run' }));
  await act(async () => f.runs.at(-1)!.finish({ status: 'done', summary, analytic }));
}

afterEach(cleanup);

describe('SampleRun', () => {
  it('runs the chosen sample with the seed, shows progress, then the summary table', async () => {
    const f = fakeClient();
    const onResult = vi.fn();
    render(<SampleRun samples={samples} client={f.client} onResult={onResult} />);
    fireEvent.click(screen.getByLabelText('Sample B'));
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '42' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));

    expect(f.runs).toHaveLength(1);
    expect(f.runs[0].spec.seed).toBe(42);
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    act(() => f.runs[0].progress({ fraction: 0.42, events: 123_456, nowUs: 250_000 }));
    const bar = screen.getByRole('progressbar', { name: /Running Sample B, seed 42/ });
    expect(bar).toHaveAttribute('aria-valuetext', '42 percent');
    expect(screen.getByText(/123,456 events/)).toBeInTheDocument();

    await act(async () => f.runs[0].finish({ status: 'done', summary, analytic }));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    const heading = screen.getByRole('heading', { name: 'Result: Sample B, seed 42' });
    expect(heading).toHaveFocus();
    const latencyTable = screen.getByRole('table', { name: 'Latency per request' });
    const meanRow = within(latencyTable).getByRole('row', { name: /^mean 1\.995/ });
    expect(meanRow).toHaveTextContent('1.995 µs');
    expect(
      within(latencyTable).getByRole('row', { name: /analytic estimate \(approximate\)/ }),
    ).toHaveTextContent('2.000 µs');
    for (const [stat, text] of [
      ['p50', '1.390'],
      ['p90', '4.600'],
      ['p99', '9.143'],
      ['p999', '13.80'],
      ['max', '25.10'],
    ])
      expect(latencyTable.querySelector(`[data-stat="${stat}"]`)).toHaveTextContent(`${text} µs`);
    expect(screen.getByRole('table', { name: 'Overview' })).toHaveTextContent('500,123 req/s');
    expect(screen.getByRole('table', { name: 'Resources' })).toHaveTextContent('50.0 %');
    expect(onResult).toHaveBeenCalledWith(summary);
  });

  it('rejects a bad seed with an error naming the field and keeps the previous seed and result', async () => {
    const f = fakeClient();
    render(<SampleRun samples={samples} client={f.client} initialSeed={7} />);
    await completeRun(f);
    const seed = screen.getByLabelText('Seed');
    for (const bad of ['abc', '-1', '4294967296', '1.5', '1e3', '']) {
      fireEvent.change(seed, { target: { value: bad } });
      fireEvent.click(screen.getByRole('button', { name: 'Run' }));
      expect(screen.getByRole('alert')).toHaveTextContent(
        /^Seed must be a whole number from 0 to 4294967295\. Keeping the previous seed, 7/,
      );
      expect(seed).toHaveAttribute('aria-invalid', 'true');
      expect(seed).toHaveAccessibleDescription(/Seed must be/);
      expect(seed).toHaveFocus();
    }
    expect(f.runs).toHaveLength(1); // no run with a bad seed
    expect(screen.getByRole('heading', { name: 'Result: Sample A, seed 7' })).toBeInTheDocument();

    fireEvent.keyDown(seed, { key: 'Escape' });
    expect(seed).toHaveValue('7');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    fireEvent.change(seed, { target: { value: 'x' } });
    fireEvent.blur(seed);
    expect(screen.getByRole('alert')).toHaveTextContent('Seed must be');
    fireEvent.change(seed, { target: { value: '4294967295' } }); // the error clears once the text is valid
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(f.runs[1].spec.seed).toBe(4294967295);
  });

  it('Cancel stops the run and keeps the previous result', async () => {
    const f = fakeClient();
    render(<SampleRun samples={samples} client={f.client} />);
    await completeRun(f);
    fireEvent.click(screen.getByLabelText('Sample B'));
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    act(() => f.runs[1].progress({ fraction: 0.1, events: 10, nowUs: 5 }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel' })));

    expect(f.runs[1].cancel).toHaveBeenCalledOnce();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Cancelled Sample B, seed 1. The previous result is still shown.',
    );
    expect(screen.getByRole('heading', { name: 'Result: Sample A, seed 1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Run' })).toHaveFocus();
  });

  it("shows the engine's error message and keeps the page", async () => {
    const f = fakeClient();
    render(<SampleRun samples={samples} client={f.client} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await act(async () =>
      f.runs[0].finish({ status: 'error', message: 'Invalid spec. load.rps: Too small' }),
    );
    expect(screen.getByRole('status')).toHaveTextContent('The run failed. Invalid spec. load.rps: Too small');
    expect(screen.getByRole('button', { name: 'Run' })).toBeEnabled();
  });
});
