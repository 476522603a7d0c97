import type { Scenario } from '../../model/scenario';

type Paced = Extract<Scenario['workload']['load'], { kind: 'paced' }>;

/**
 * Fortio's pacing options for paced load (src/model/fortio.ts). The hints quote Fortio's own flag
 * help (fortio/fortio cli/fortio_main.go) and say what the model does with each.
 */
export const PACING_HINTS = {
  together:
    'Fortio’s default: every connection’s ticker starts at the same instant, so their requests leave at the same instants (“thundering herd”, as Fortio’s source calls it).',
  uniform:
    'Fortio -uniform: “de-synchronize parallel clients’ requests uniformly” — first requests spread evenly over one interval.',
  jitter:
    'Fortio -jitter: “de-synchronize parallel clients’ by 10%” — each wait moves by up to ±10 % of its length.',
  noCatchUp:
    'Fortio -nocatchup: “set to exact fixed qps and prevent fortio from trying to catchup when the target fails to keep up temporarily” — late sends are skipped, not sent in a burst.',
} as const;

/** Start together or spread uniformly; jitter; no catch-up. Shown for paced load only. */
export function PacingControls({ load, onChange }: { load: Paced; onChange: (l: Paced) => void }) {
  return (
    <fieldset className="pacing" data-testid="pacing">
      <legend>Pacing (Fortio)</legend>
      <div role="radiogroup" aria-label="Connections start" className="radios">
        <label className="radio">
          <input
            type="radio"
            name="pacing-start"
            value="together"
            checked={!load.uniform}
            aria-describedby="pacing-together-hint"
            onChange={() => onChange({ ...load, uniform: false })}
          />{' '}
          Start together (Fortio’s default)
        </label>
        <p className="hint" id="pacing-together-hint">
          {PACING_HINTS.together}
        </p>
        <label className="radio">
          <input
            type="radio"
            name="pacing-start"
            value="uniform"
            checked={load.uniform}
            aria-describedby="pacing-uniform-hint"
            onChange={() => onChange({ ...load, uniform: true })}
          />{' '}
          Uniform (-uniform)
        </label>
        <p className="hint" id="pacing-uniform-hint">
          {PACING_HINTS.uniform}
        </p>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={load.jitter}
          aria-describedby="pacing-jitter-hint"
          onChange={(e) => onChange({ ...load, jitter: e.target.checked })}
        />{' '}
        Jitter (-jitter)
      </label>
      <p className="hint" id="pacing-jitter-hint">
        {PACING_HINTS.jitter}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={load.noCatchUp}
          aria-describedby="pacing-nocatchup-hint"
          onChange={(e) => onChange({ ...load, noCatchUp: e.target.checked })}
        />{' '}
        No catch-up (-nocatchup)
      </label>
      <p className="hint" id="pacing-nocatchup-hint">
        {PACING_HINTS.noCatchUp}
      </p>
    </fieldset>
  );
}
