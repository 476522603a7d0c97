import type { Notice } from '../../machines/compareMachine';
import type { CompareProgress } from '../../worker/client';

interface Props {
  phase: 'estimating' | 'waiting' | 'running' | 'idle';
  progress: CompareProgress | null;
  simulated: boolean;
  canRun: boolean;
  notice: Notice | null;
  summary: string;
  names: Record<string, string>;
  onCancel: () => void;
  onRun: () => void;
}

/** What the page is doing: estimate shown, simulation progress with Cancel, or the finished run; and any notice. */
export function RunStatus({ phase, progress, simulated, canRun, notice, summary, names, onCancel, onRun }: Props) {
  const percent = Math.floor((progress?.fraction ?? 0) * 100);
  const text = phase === 'estimating' ? 'Estimating…'
    : phase === 'waiting' ? 'Analytic estimate shown; the simulation starts in a moment.'
      : phase === 'running' ? `Simulating ${progress?.architecture ? names[progress.architecture] ?? progress.architecture : ''}: run ${Math.min((progress?.runsDone ?? 0) + 1, progress?.runsTotal ?? 1)} of ${progress?.runsTotal ?? '…'}. The analytic estimate is shown until it finishes.`
        : simulated ? `Simulated: ${summary}.` : 'Analytic estimate shown (not simulated).';
  return (
    <div className="run-status">
      <p role="status" data-testid="run-state" data-phase={phase} data-simulated={simulated ? 'true' : 'false'}>{text}</p>
      {phase === 'running' && (
        <div className="progress-row">
          <progress max={1} value={progress?.fraction ?? 0} aria-label="Simulation progress" aria-valuetext={`${percent} percent`} />
          <span className="progress-figures">{percent}&nbsp;%</span>
          <button type="button" onClick={onCancel}>Cancel</button>
        </div>
      )}
      {(phase === 'idle' || phase === 'waiting') && !simulated && canRun && (
        <button type="button" onClick={onRun}>Run the simulation</button>
      )}
      {notice && (
        <p className={notice.kind === 'error' ? 'status-error notice' : 'notice'} role={notice.kind === 'error' ? 'alert' : 'status'}>{notice.text}</p>
      )}
    </div>
  );
}
