import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AnalyticEstimate } from '../engine';
import type { RunSummary } from '../model/result';
import type { RunHandle, RunProgress as Progress } from '../worker/client';
import { RunProgress } from './RunProgress';
import { RunResult } from './RunResult';
import { SamplePicker } from './SamplePicker';
import { SeedField } from './SeedField';
import type { EngineRunner, Sample } from './types';
import { useSeedField } from './useSeedField';

interface Props {
  samples: readonly Sample[];
  client: EngineRunner;
  initialSeed?: number;
  /** Called with each completed run (the app exposes it for tests and tools). */
  onResult?: (summary: RunSummary) => void;
}

interface Running {
  title: string;
  handle: RunHandle;
  progress: Progress;
}

interface Shown {
  title: string;
  summary: RunSummary;
  analytic: AnalyticEstimate;
}

const title = (s: Sample, seed: number) => `${s.label}, seed ${seed}`;

/** Pick a sample, set the seed, run it in the engine worker, and see the summary. */
export function SampleRun({ samples, client, initialSeed = 1, onResult }: Props) {
  const [selected, setSelected] = useState(samples[0]?.id ?? '');
  const seed = useSeedField(initialSeed);
  const [running, setRunning] = useState<Running | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const seedRef = useRef<HTMLInputElement>(null);
  const runRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef<'cancel' | 'run' | 'result' | null>(null);
  const active = useRef<RunHandle | null>(null);

  // Focus follows the run: Cancel while it runs, then the result (or Run again), so a keyboard user
  // is never left on a control that has just been disabled or removed.
  useEffect(() => {
    const next = focusNext.current;
    if (!next) return;
    focusNext.current = null;
    ({ cancel: cancelRef, run: runRef, result: resultRef })[next].current?.focus();
  });

  useEffect(() => () => active.current?.cancel(), []);

  function start(e?: FormEvent) {
    e?.preventDefault();
    if (running) return;
    const s = seed.commit();
    if (s === null) {
      seedRef.current?.focus();
      return;
    }
    const sample = samples.find((x) => x.id === selected);
    if (!sample) return;
    const t = title(sample, s);
    const handle = client.run({ ...sample.spec, seed: s }, (progress) => {
      if (active.current === handle) setRunning((r) => (r ? { ...r, progress } : r));
    });
    active.current = handle;
    setRunning({ title: t, handle, progress: { fraction: 0, events: 0, nowUs: 0 } });
    setStatus({ text: `Running ${t}…` });
    focusNext.current = 'cancel';
    void handle.promise.then((outcome) => {
      if (active.current !== handle) return;
      active.current = null;
      setRunning(null);
      if (outcome.status === 'done') {
        setShown({ title: t, summary: outcome.summary, analytic: outcome.analytic });
        setStatus({ text: `Finished ${t}.` });
        focusNext.current = 'result';
        onResult?.(outcome.summary);
      } else if (outcome.status === 'cancelled') {
        setStatus({ text: `Cancelled ${t}.${shown ? ' The previous result is still shown.' : ''}` });
        focusNext.current = 'run';
      } else {
        setStatus({ text: `The run failed. ${outcome.message}`, error: true });
        focusNext.current = 'run';
      }
    });
  }

  return (
    <section className="sample-run" aria-labelledby="sample-run-heading">
      <h2 id="sample-run-heading">Run a sample scenario</h2>
      <p>
        These small queueing networks check the engine against queueing theory; times are in microseconds
        (µs).
      </p>
      <form onSubmit={start} noValidate>
        <SamplePicker samples={samples} selected={selected} onSelect={setSelected} />
        <SeedField
          text={seed.text}
          error={seed.error}
          onChange={seed.setText}
          onCommit={() => void seed.commit()}
          onRevert={seed.revert}
          inputRef={seedRef}
        />
        <button type="submit" ref={runRef} disabled={running !== null}>
          Run
        </button>
      </form>
      {running && (
        <RunProgress
          label={running.title}
          progress={running.progress}
          onCancel={() => running.handle.cancel()}
          cancelRef={cancelRef}
        />
      )}
      <p role="status" className={status?.error ? 'status status-error' : 'status'}>
        {status?.text}
      </p>
      {status?.error && !running && (
        // The worker may have been restarted (the message says so): the same run may well succeed now.
        <button type="button" onClick={() => start()}>
          Retry
        </button>
      )}
      {shown && (
        <RunResult
          title={shown.title}
          summary={shown.summary}
          analytic={shown.analytic}
          headingRef={resultRef}
        />
      )}
    </section>
  );
}
