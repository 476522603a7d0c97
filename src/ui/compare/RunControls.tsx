import type { Scenario } from '../../model/scenario';
import {
  DEFAULT_PRECISION,
  formatPrecision,
  MAX_REPLICATIONS,
  PRECISION_CHOICES,
} from '../../model/precision';
import { formRange, LIMITS } from '../../model/limits';
import { NumberField } from './NumberField';
import type { Update } from './types';

interface Props {
  scenario: Scenario;
  replications: number;
  precision: number | null;
  update: Update;
  onReplications: (n: number) => void;
  onPrecision: (precision: number | null) => void;
}

/**
 * Seed and run length: replications × measured requests per architecture, and the precision that
 * decides how many rounds of replications run.
 */
export function RunControls({
  scenario,
  replications,
  precision,
  update,
  onReplications,
  onPrecision,
}: Props) {
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
      <div className="field">
        <label htmlFor="precision">Precision</label>
        <select
          id="precision"
          value={precision === null ? 'fixed' : String(precision)}
          onChange={(e) => onPrecision(e.target.value === 'fixed' ? null : Number(e.target.value))}
          aria-describedby="precision-hint"
        >
          {/* A link may ask for a target the list does not offer: it is shown, not replaced. */}
          {[...new Set<number>([...PRECISION_CHOICES, ...(precision === null ? [] : [precision])])]
            .sort((a, b) => a - b)
            .map((p) => (
              <option key={p} value={String(p)}>
                {formatPrecision(p)}
                {p === DEFAULT_PRECISION ? ' (default)' : ''}
              </option>
            ))}
          <option value="fixed">Fixed: exactly the replications below</option>
        </select>
        <p id="precision-hint" className="hint">
          Rounds of replications run until every design’s added p50 and p99 latency and vCPU per 1000 rps are
          known to this (99 % intervals; at most {MAX_REPLICATIONS} replications).
        </p>
      </div>
      <NumberField
        label={precision === null ? 'Replications' : 'Replications in the first round'}
        min={2}
        max={20}
        integer
        value={replications}
        hint="Independent runs; intervals are 99 % Student-t intervals across them."
        onCommit={onReplications}
      />
      {count && (
        <p className="readout" data-testid="run-size">
          {precision === null
            ? `${(run.measuredRequests * replications).toLocaleString('en')} measured requests per architecture.`
            : `At least ${(run.measuredRequests * replications).toLocaleString('en')} measured requests per architecture; more rounds until ${formatPrecision(precision)}.`}
        </p>
      )}
    </fieldset>
  );
}
