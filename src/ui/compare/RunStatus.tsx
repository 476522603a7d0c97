import { useEffect, useState } from 'react';
import type { CompareSession } from '../../machines/compare/session';
import type { CompareProgress, Notice, RunPhase, Sweep } from '../../machines/compare/types';
import type { PrecisionReport } from '../../model/comparison';
import { formatPrecision } from '../../model/precision';
import { useSession } from './useSession';

interface Props {
  phase: RunPhase;
  progress: CompareProgress | null;
  /** The load sweep of the shown result, if any. */
  sweep?: Sweep | null;
  simulated: boolean;
  /** How precise the shown result is (absent before a simulation). */
  precision?: PrecisionReport | null;
  /** The shown result is a finished round and the next round is running. */
  refining?: boolean;
  canRun: boolean;
  notice: Notice | null;
  summary: string;
  names: Record<string, string>;
  onCancel: () => void;
  onRun: () => void;
}

/** RunStatus following the run's progress itself, so progress re-renders the status line and not the whole page. */
export function LiveRunStatus({ session, ...rest }: Omit<Props, 'progress'> & { session: CompareSession }) {
  const progress = useSession(session, (s) => s.progress);
  return <RunStatus {...rest} progress={progress} />;
}

/** An estimate this long is worth a Cancel button (a shorter one would only flash it). */
const SLOW_ESTIMATE_MS = 400;

/** True once `active` has held for SLOW_ESTIMATE_MS. */
function useSlow(active: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!active) return setSlow(false);
    const t = setTimeout(() => setSlow(true), SLOW_ESTIMATE_MS);
    return () => clearTimeout(t);
  }, [active]);
  return slow;
}

const SWEEP_TEXT: Record<Sweep['status'], string> = {
  running: 'Load sweep running in the background',
  done: 'Load sweep done',
  stopped: 'Load sweep stopped',
  failed: 'Load sweep failed',
};

/** What the page is doing: estimate shown, simulation progress with Cancel, the finished run and its load sweep; and any notice. */
export function RunStatus({
  phase,
  progress,
  sweep = null,
  simulated,
  precision = null,
  refining = false,
  canRun,
  notice,
  summary,
  names,
  onCancel,
  onRun,
}: Props) {
  const percent = Math.floor((progress?.fraction ?? 0) * 100);
  const slowEstimate = useSlow(phase === 'estimating');
  // One line for the whole comparison (every worker's runs counted together, no design named: workers
  // run different designs at once, and naming the last one to report made the line flip between them).
  // Runs counted when finished, so the line and the bar agree ("15 of 15" is only said when all are done).
  const runs = `${progress?.runsDone ?? 0} of ${progress?.runsTotal ?? '…'} runs done`;
  const text =
    phase === 'estimating'
      ? 'Estimating…'
      : phase === 'running'
        ? refining && precision
          ? `Refining to ${formatPrecision(precision.target ?? 0)}: ${precision.replications} replications shown (${formatPrecision(precision.reached)}); running up to ${precision.next}, ${runs}.`
          : `Simulating: ${runs}. The analytic estimate is shown until it finishes.`
        : simulated
          ? `Simulated: ${summary}.${precision ? ` ${precisionSentence(precision)}` : ''}`
          : 'Analytic estimate shown (not simulated).';
  return (
    <div className="run-status">
      <p
        role="status"
        data-testid="run-state"
        data-phase={phase}
        data-simulated={simulated ? 'true' : 'false'}
        data-refining={refining ? 'true' : 'false'}
        title={simulated && precision ? widestFigure(precision, names) : undefined}
      >
        {text}
      </p>
      {/* One slot of fixed height for whatever the phase offers (Cancel, progress, the sweep, Run), so
          that the headlines below never move as the run goes on (layout shift, docs/release.md). */}
      <div className="run-actions">
        {phase === 'estimating' && slowEstimate && (
          <button type="button" onClick={onCancel}>
            Cancel the estimate
          </button>
        )}
        {phase === 'running' && (
          <div className="progress-row">
            <progress
              max={1}
              value={progress?.fraction ?? 0}
              aria-label="Simulation progress"
              aria-valuetext={`${percent} percent`}
            />
            <span className="progress-figures">{percent}&nbsp;%</span>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        )}
        {sweep && (
          <p className="hint" data-testid="sweep-state" data-status={sweep.status}>
            {SWEEP_TEXT[sweep.status]}: {sweep.points.length} of {sweep.loads.length} offered loads simulated
            (the latency-against-load chart).{' '}
            {phase === 'sweeping' && (
              <button type="button" onClick={onCancel}>
                Stop the sweep
              </button>
            )}
          </p>
        )}
        {phase === 'idle' && !simulated && canRun && (
          <button type="button" onClick={onRun}>
            Run the simulation
          </button>
        )}
      </div>
      {notice && (
        <p
          className={notice.kind === 'error' ? 'status-error notice' : 'notice'}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          {notice.text}
        </p>
      )}
    </div>
  );
}

const FIGURE_WORDS: Record<NonNullable<PrecisionReport['limitedBy']>['figure'], string> = {
  p50: 'p50 latency',
  p99: 'p99 latency',
  'added p50': 'added p50 latency',
  'added p99': 'added p99 latency',
  'vCPU container': 'container vCPU',
  'vCPU kernel': 'kernel vCPU',
};

/**
 * How precise the finished comparison is, in a few words (the status line must not push the headlines
 * off a 1024×768 screen); the widest figure is named in the line's title.
 */
export function precisionSentence(p: PrecisionReport): string {
  const reached = formatPrecision(p.reached);
  if (p.target === null) return `Precise to ${reached}.`;
  const target = formatPrecision(p.target);
  if (p.atCap) return `Precise to ${reached} at the cap of ${p.replications} replications (${target} asked).`;
  if (p.next !== null) return `Stopped at ${reached} (${target} asked).`;
  return `Precise to ${reached} (${target} asked).`;
}

/** Which figure is the least precise, for the status line's title. */
export function widestFigure(p: PrecisionReport, names: Record<string, string>): string | undefined {
  return p.limitedBy
    ? `Least precise: ${names[p.limitedBy.architecture] ?? p.limitedBy.architecture} ${FIGURE_WORDS[p.limitedBy.figure]}, ${formatPrecision(p.reached)} (99 % interval half-width).`
    : undefined;
}
