import type { Ref } from 'react';
import type { RunProgress as Progress } from '../worker/client';
import { formatCount, formatDuration } from './format';

interface Props {
  label: string;
  progress: Progress;
  onCancel: () => void;
  cancelRef?: Ref<HTMLButtonElement>;
}

export function RunProgress({ label, progress, onCancel, cancelRef }: Props) {
  const percent = Math.floor(progress.fraction * 100);
  return (
    <div className="run-progress">
      <label htmlFor="run-progress-bar">Running {label}</label>
      <div className="progress-row">
        <progress
          id="run-progress-bar"
          max={1}
          value={progress.fraction}
          aria-valuetext={`${percent} percent`}
        />
        <span className="progress-figures">
          {percent}&nbsp;% · {formatCount(progress.events)} events · simulated{' '}
          {formatDuration(progress.nowUs)}
        </span>
      </div>
      <button type="button" ref={cancelRef} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
