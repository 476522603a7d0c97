import type { TraceLayout } from '../../worker/trace/protocol';

/** What the run does, in plain words: how many requests over how much simulated time. */
export function describeRun(layout: TraceLayout): string {
  const { requests, endUs } = layout.run;
  const secs = endUs / 1e6;
  const span =
    secs >= 1
      ? `${secs.toLocaleString('en', { maximumFractionDigits: 1 })} s`
      : `${(endUs / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} ms`;
  return `This run sends ${requests.toLocaleString('en')} request${requests === 1 ? '' : 's'} over ${span} of simulated time.`;
}
