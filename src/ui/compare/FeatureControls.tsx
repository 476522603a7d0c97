import type { ScenarioEstimate } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';
import type { Update } from './types';
import type { ReactNode } from 'react';
import { Term } from '../glossary/GlossaryTerm';

type Switch = 'mtls' | 'l7Policy' | 'telemetry' | 'connectionReuse' | 'nodeEncryption';

const SWITCHES: { key: Switch; label: string; feature: string; hint: ReactNode }[] = [
  {
    key: 'mtls',
    label: 'Workload mTLS',
    feature: 'Workload mTLS',
    hint: (
      <>
        Encrypt and authenticate every call between meshed pods (<Term id="mtls">mTLS</Term>).
      </>
    ),
  },
  {
    key: 'l7Policy',
    label: 'L7 policy',
    feature: 'L7 policy',
    hint: (
      <>
        HTTP-level (<Term id="l7">L7</Term>) authorisation and routing.
      </>
    ),
  },
  {
    key: 'telemetry',
    label: 'L7 telemetry',
    feature: 'L7 telemetry',
    hint: (
      <>
        Request metrics (<Term id="telemetry">telemetry</Term>) collected by the proxy (after the response).
      </>
    ),
  },
  {
    key: 'connectionReuse',
    label: 'Connection reuse',
    feature: '',
    hint: (
      <>
        Requests share <Term id="connection-reuse">kept-alive connections</Term>; untick to open a new
        connection (and handshake) for every request.
      </>
    ),
  },
  {
    key: 'nodeEncryption',
    label: 'Node-to-node encryption',
    feature: 'Node-to-node encryption',
    hint: (
      <>
        <Term id="wireguard">WireGuard</Term> between nodes (Cilium).
      </>
    ),
  },
];

export const MODE_TEXT = {
  always: 'is always on',
  unavailable: 'is not available',
  unsupported: 'cannot run',
} as const;

/** Service dataplane, mesh features and cost profile; every setting a design cannot honour says why. */
export function FeatureControls({
  scenario,
  estimate,
  update,
}: {
  scenario: Scenario;
  estimate: ScenarioEstimate | null;
  update: Update;
}) {
  const notesFor = (feature: string) =>
    (estimate?.results ?? []).flatMap((r) =>
      r.notes.filter((n) => n.feature === feature).map((n) => ({ arch: r.name, ...n })),
    );
  return (
    <>
      <fieldset>
        <legend>Mesh features</legend>
        <div className="field">
          <label htmlFor="dataplane">Service dataplane</label>
          <select
            id="dataplane"
            value={scenario.dataplane}
            onChange={(e) => update((s) => ({ ...s, dataplane: e.target.value as Scenario['dataplane'] }))}
          >
            <option value="iptables">kube-proxy, iptables</option>
            <option value="nftables">kube-proxy, nftables</option>
            <option value="ipvs">kube-proxy, IPVS</option>
            <option value="cilium-ebpf">Cilium eBPF (socket load balancing)</option>
          </select>
        </div>
        {SWITCHES.map(({ key, label, feature, hint }) => {
          const notes = feature ? notesFor(feature) : [];
          const id = `feature-${key}`;
          return (
            <div className="field" key={key}>
              <label className="check" htmlFor={id}>
                <input
                  type="checkbox"
                  id={id}
                  checked={scenario.features[key]}
                  aria-describedby={`${id}-hint`}
                  onChange={(e) =>
                    update((s) => ({ ...s, features: { ...s.features, [key]: e.target.checked } }))
                  }
                />
                {label}
              </label>
              <div id={`${id}-hint`} className="hint">
                {hint}
                {notes.length > 0 && (
                  <ul className="feature-notes">
                    {notes.map((n) => (
                      <li key={n.arch}>
                        <strong>{n.arch}</strong>: {label} {MODE_TEXT[n.mode]} — {n.reason}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              {key === 'l7Policy' && scenario.features.l7Policy && (
                <L7DirectionField
                  scenario={scenario}
                  update={update}
                  notes={notesFor('L7 policy on egress')}
                />
              )}
            </div>
          );
        })}
      </fieldset>
      <fieldset>
        <legend>Cost profile</legend>
        <div role="radiogroup" aria-label="Cost profile" className="radios">
          {(
            [
              ['low', 'Low: the cheapest each hop’s sources allow'],
              ['default', 'Default: the cited or estimated typical cost'],
              ['high', 'High: the dearest each hop’s sources allow'],
            ] as const
          ).map(([p, label]) => (
            <label key={p} className="radio">
              <input
                type="radio"
                name="profile"
                value={p}
                checked={scenario.profile === p}
                onChange={() => update((s) => ({ ...s, profile: p }))}
              />{' '}
              {label}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}

/** Which side's rule the L7 policy is: it decides which node's Envoy Cilium puts on the path. */
function L7DirectionField({
  scenario,
  update,
  notes,
}: {
  scenario: Scenario;
  update: Update;
  notes: { arch: string; reason: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor="feature-l7Direction">The L7 rule is</label>
      <select
        id="feature-l7Direction"
        aria-describedby="feature-l7Direction-hint"
        value={scenario.features.l7Direction}
        onChange={(e) =>
          update((s) => ({
            ...s,
            features: { ...s.features, l7Direction: e.target.value as Scenario['features']['l7Direction'] },
          }))
        }
      >
        <option value="ingress">the server&apos;s (ingress)</option>
        <option value="egress">the client&apos;s (egress)</option>
      </select>
      <div id="feature-l7Direction-hint" className="hint">
        Cilium enforces it in the Envoy of the node where the rule applies: the server&apos;s node for
        ingress, the client&apos;s for egress.
        {notes.length > 0 && (
          <ul className="feature-notes">
            {notes.map((n) => (
              <li key={n.arch}>
                <strong>{n.arch}</strong>: {n.reason}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
