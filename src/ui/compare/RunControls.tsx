import type { Scenario } from '../../model/scenario';
import { formRange, LIMITS } from '../../model/limits';
import { NumberField } from './NumberField';
import type { Update } from './types';

interface Props {
  scenario: Scenario;
  replications: number;
  update: Update;
  onReplications: (n: number) => void;
}

/** Seed and run length: replications × measured requests per architecture. */
export function RunControls({ scenario, replications, update, onReplications }: Props) {
  const run = scenario.run;
  const count = 'measuredRequests' in run;
  return (
    <fieldset>
      <legend>Run</legend>
      <NumberField
        label="Seed"
        {...formRange(LIMITS.seed)}
        value={scenario.seed}
        hint="Every architecture runs on the same seeds (the same arrivals); the same seed gives the same numbers in every browser."
        onCommit={(v) => update((s) => ({ ...s, seed: v }))}
      />
      {count ? (
        <>
          <NumberField
            label="Measured requests per replication"
            {...formRange(LIMITS.measuredRequests)}
            value={run.measuredRequests}
            onCommit={(v) =>
              update((s) => ({
                ...s,
                run: {
                  warmupRequests: 'warmupRequests' in s.run ? s.run.warmupRequests : 0,
                  measuredRequests: v,
                },
              }))
            }
          />
          <NumberField
            label="Warm-up requests per replication"
            {...formRange(LIMITS.warmupRequests)}
            value={run.warmupRequests}
            hint="Sent first and left out of every statistic."
            onCommit={(v) =>
              update((s) => ({
                ...s,
                run: {
                  measuredRequests: 'measuredRequests' in s.run ? s.run.measuredRequests : 1000,
                  warmupRequests: v,
                },
              }))
            }
          />
        </>
      ) : (
        <p className="hint">
          This scenario runs for a simulated time window ({(run.durationUs / 1e6).toFixed(3)} s after{' '}
          {(run.warmupUs / 1e6).toFixed(3)} s of warm-up), as its file says.
        </p>
      )}
      <NumberField
        label="Replications"
        min={2}
        max={20}
        integer
        value={replications}
        hint="Independent runs; intervals are 99 % Student-t intervals across them."
        onCommit={onReplications}
      />
      {count && (
        <p className="readout" data-testid="run-size">
          {(run.measuredRequests * replications).toLocaleString('en')} measured requests per architecture.
        </p>
      )}
    </fieldset>
  );
}
