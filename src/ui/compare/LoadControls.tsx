import { formRange, LIMITS } from '../../model/limits';
import type { Scenario } from '../../model/scenario';
import { NumberField } from './NumberField';
import { PacingControls } from './PacingControls';
import type { Update } from './types';

type Load = Scenario['workload']['load'];

/** Load mode, rate or connections, think time; message sizes and protocol. */
export function LoadControls({ scenario, update }: { scenario: Scenario; update: Update }) {
  const load = scenario.workload.load;
  const setLoad = (l: Load) => update((s) => ({ ...s, workload: { ...s.workload, load: l } }));
  const rps = load.kind === 'closed' ? 1000 : load.rps;
  const think =
    load.kind === 'closed' && load.think.kind !== 'empirical'
      ? load.think.kind === 'deterministic'
        ? load.think.value
        : load.think.mean
      : 10_000;
  const mode = (kind: Load['kind']) => {
    if (kind === load.kind) return;
    if (kind === 'closed')
      setLoad({ kind, connections: load.connections, think: { kind: 'exponential', mean: 10_000 } });
    else if (kind === 'paced')
      setLoad({ kind, rps, connections: load.connections, uniform: false, jitter: false, noCatchUp: false });
    else setLoad({ kind, rps, connections: load.connections });
  };
  return (
    <>
      <fieldset>
        <legend>Load</legend>
        <div role="radiogroup" aria-label="Load mode" className="radios">
          {(
            [
              ['open', 'Open: Poisson arrivals at a rate'],
              ['paced', 'Paced: each connection sends at fixed intervals (Fortio)'],
              ['closed', 'Closed: connections wait for each reply, then think'],
            ] as const
          ).map(([k, label]) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name="load-mode"
                value={k}
                checked={load.kind === k}
                onChange={() => mode(k)}
              />{' '}
              {label}
            </label>
          ))}
        </div>
        {load.kind !== 'closed' && (
          <NumberField
            label="Request rate"
            unit="req/s"
            {...formRange(LIMITS.rps)}
            value={load.rps}
            onCommit={(v) => setLoad({ ...load, rps: v })}
          />
        )}
        <NumberField
          label="Connections"
          {...formRange(LIMITS.connections)}
          value={load.connections}
          hint="Requests are spread over them; a sidecar pins each connection to one worker."
          onCommit={(v) => setLoad({ ...load, connections: v } as Load)}
        />
        {load.kind === 'paced' && <PacingControls load={load} onChange={setLoad} />}
        {load.kind === 'closed' && (
          <NumberField
            label="Think time"
            unit="ms"
            {...formRange(LIMITS.thinkUs, 0.001)}
            value={think / 1000}
            hint={
              load.think.kind === 'empirical'
                ? 'From the file: an empirical distribution; a new value replaces it with an exponential one.'
                : `Mean of an ${load.think.kind === 'deterministic' ? 'exact' : 'exponential'} pause.`
            }
            onCommit={(v) =>
              setLoad({
                ...load,
                think:
                  load.think.kind === 'deterministic'
                    ? { kind: 'deterministic', value: v * 1000 }
                    : v > 0
                      ? { kind: 'exponential', mean: v * 1000 }
                      : { kind: 'deterministic', value: 0 },
              })
            }
          />
        )}
      </fieldset>
      <fieldset>
        <legend>Messages</legend>
        <NumberField
          label="Request size"
          unit="KiB"
          {...formRange(LIMITS.messageKiB)}
          value={scenario.workload.requestKiB}
          onCommit={(v) => update((s) => ({ ...s, workload: { ...s.workload, requestKiB: v } }))}
        />
        <NumberField
          label="Response size"
          unit="KiB"
          {...formRange(LIMITS.messageKiB)}
          value={scenario.workload.responseKiB}
          onCommit={(v) => update((s) => ({ ...s, workload: { ...s.workload, responseKiB: v } }))}
        />
        <div className="field">
          <label htmlFor="protocol">Protocol</label>
          <select
            id="protocol"
            value={scenario.workload.protocol}
            onChange={(e) =>
              update((s) => ({
                ...s,
                workload: { ...s.workload, protocol: e.target.value as Scenario['workload']['protocol'] },
              }))
            }
          >
            <option value="http1">HTTP/1.1</option>
            <option value="http2">HTTP/2</option>
            <option value="grpc">gRPC</option>
          </select>
        </div>
      </fieldset>
    </>
  );
}
