import type { ScenarioEstimate } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';
import { MODE_TEXT } from './FeatureControls';
import { formRange, LIMITS } from '../../model/limits';
import { NumberField } from './NumberField';
import type { Update } from './types';

type Failure = Scenario['failure'];

/** Retries, per-try timeouts, library isolation, and one injected failure. */
export function ResilienceControls({
  scenario,
  estimate,
  update,
}: {
  scenario: Scenario;
  estimate: ScenarioEstimate | null;
  update: Update;
}) {
  const f = scenario.features;
  const setFeatures = (over: Partial<Scenario['features']>) =>
    update((s) => ({ ...s, features: { ...s.features, ...over } }));
  const setFailure = (failure: Failure) => update((s) => ({ ...s, failure }));
  const failure = scenario.failure;
  const services = scenario.topology.services.map((s) => s.id);
  const target =
    failure.kind !== 'none' && services.includes(failure.service) ? failure.service : services.at(-1)!;
  const notes = (feature: string) =>
    (estimate?.results ?? []).flatMap((r) =>
      r.notes.filter((n) => n.feature === feature).map((n) => ({ arch: r.name, ...n })),
    );
  const noteList = (feature: string, label: string) => {
    const list = notes(feature);
    return list.length ? (
      <ul className="feature-notes hint">
        {list.map((n) => (
          <li key={n.arch}>
            <strong>{n.arch}</strong>: {label} {MODE_TEXT[n.mode]} — {n.reason}
          </li>
        ))}
      </ul>
    ) : null;
  };
  const kind = (k: Failure['kind']) => {
    if (k === 'none') setFailure({ kind: 'none' });
    else if (k === 'pod-down') setFailure({ kind: 'pod-down', service: target });
    else if (k === 'delay')
      setFailure({
        kind: 'delay',
        service: target,
        addedUs: failure.kind === 'delay' ? failure.addedUs : 50_000,
      });
    else
      setFailure({
        kind: 'loss',
        service: target,
        probability: failure.kind === 'loss' ? failure.probability : 0.01,
      });
  };
  return (
    <fieldset>
      <legend>Retries, timeouts and failures</legend>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={f.retries === 'default'}
            onChange={(e) => setFeatures({ retries: e.target.checked ? 'default' : 0 })}
          />
          Each design’s default retries (Istio 2, Linkerd none)
        </label>
      </div>
      {f.retries !== 'default' && (
        <NumberField
          label="Retries per call"
          {...formRange(LIMITS.retries)}
          value={f.retries}
          onCommit={(v) => setFeatures({ retries: v })}
        />
      )}
      {noteList('Retries', 'retrying')}
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={f.timeoutMs !== undefined}
            onChange={(e) => setFeatures({ timeoutMs: e.target.checked ? 1000 : undefined })}
          />
          Per-try timeout
        </label>
      </div>
      {f.timeoutMs !== undefined && (
        <NumberField
          label="Timeout per try"
          unit="ms"
          {...formRange(LIMITS.timeoutMs)}
          value={f.timeoutMs}
          onCommit={(v) => setFeatures({ timeoutMs: v })}
        />
      )}
      {noteList('Timeouts', 'a timeout')}
      <div className="field">
        <label htmlFor="isolation">Library isolation (Hystrix)</label>
        <select
          id="isolation"
          value={f.isolation}
          onChange={(e) => setFeatures({ isolation: e.target.value as 'thread' | 'semaphore' })}
        >
          <option value="thread">A pool thread per call</option>
          <option value="semaphore">A semaphore on the caller’s thread</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="failure-kind">Injected failure</label>
        <select
          id="failure-kind"
          value={failure.kind}
          onChange={(e) => kind(e.target.value as Failure['kind'])}
        >
          <option value="none">None</option>
          <option value="pod-down">A pod down (its first replica refuses connections)</option>
          <option value="delay">Added delay in a service’s handler</option>
          <option value="loss">Loss: requests to a service fail</option>
        </select>
      </div>
      {failure.kind !== 'none' && (
        <div className="field">
          <label htmlFor="failure-service">Failing service</label>
          <select
            id="failure-service"
            value={target}
            onChange={(e) => setFailure({ ...failure, service: e.target.value })}
          >
            {services.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </div>
      )}
      {failure.kind === 'pod-down' &&
        scenario.topology.services.find((x) => x.id === target)?.replicas === 1 && (
          <p className="hint warning" data-testid="single-replica-warning">
            {target} has one replica: its only replica is down, so every call to it fails whatever the design.
            Add replicas under Topology to see how each design routes around a pod down.
          </p>
        )}
      {failure.kind === 'delay' && (
        <NumberField
          label="Added delay"
          unit="ms"
          {...formRange(LIMITS.addedUs, 0.001)}
          value={failure.addedUs / 1000}
          onCommit={(v) => setFailure({ ...failure, addedUs: v * 1000 })}
        />
      )}
      {failure.kind === 'loss' && (
        <NumberField
          label="Loss"
          unit="%"
          {...formRange(LIMITS.probability, 100)}
          value={Number((failure.probability * 100).toPrecision(6))}
          onCommit={(v) => setFailure({ ...failure, probability: v / 100 })}
        />
      )}
    </fieldset>
  );
}
