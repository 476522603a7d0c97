import type { Architecture } from '../../model/architecture';
import type { FeatureMatrix } from '../../model/features';
import type { FeatureNote } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';

export type { FeatureNote };

export interface EffectiveFeatures {
  mtls: boolean;
  l7Policy: boolean;
  /** Where an L7 rule applies when l7Policy holds: the server's side or the client's. */
  l7Direction: 'ingress' | 'egress';
  telemetry: boolean;
  nodeEncryption: boolean;
  newConnection: boolean;
  /** Retries and per-try timeout (µs) at each balanced call; 0 and undefined where the design has none. */
  retries: number;
  timeoutUs?: number;
  notes: FeatureNote[];
  /** Non-empty when the combination cannot run; each entry says why. */
  unsupported: string[];
}

/**
 * What the scenario's switches become on one architecture, per the feature matrix. A setting the
 * architecture cannot honour is never silently clamped: it comes back as a note with the reason.
 */
export function effectiveFeatures(arch: Architecture, s: Scenario, matrix: FeatureMatrix): EffectiveFeatures {
  const notes: FeatureNote[] = [];
  const unsupported: string[] = [];
  const byId = new Map(matrix.map((f) => [f.id, f]));
  const resolved = new Map<string, boolean>();
  const resolve = (id: string, wanted: boolean): boolean => {
    const on = resolveOne(id, wanted);
    resolved.set(id, on);
    return on;
  };
  const resolveOne = (id: string, wanted: boolean): boolean => {
    const f = byId.get(id as never);
    if (!f) return wanted;
    const sup = f.support[arch.id];
    switch (sup.mode) {
      case 'optional':
        // Resolved in order: what this feature needs was resolved before it.
        if (sup.requires && !resolved.get(sup.requires)) {
          if (wanted) notes.push({ feature: f.name, mode: 'unavailable', reason: sup.reason ?? '' });
          return false;
        }
        return wanted;
      case 'always':
        if (!wanted) notes.push({ feature: f.name, mode: 'always', reason: sup.reason ?? '' });
        return true;
      case 'unavailable':
        if (wanted) notes.push({ feature: f.name, mode: 'unavailable', reason: sup.reason ?? '' });
        return false;
      case 'unsupported':
        if (wanted) {
          notes.push({ feature: f.name, mode: 'unsupported', reason: sup.reason ?? '' });
          unsupported.push(`${f.name}: ${sup.reason ?? 'not supported'}`);
        }
        return false;
    }
  };
  const proto = s.workload.protocol;
  resolve('protocol-http', proto === 'http1' || proto === 'http2');
  resolve('protocol-grpc', proto === 'grpc');
  const wantsRetries = s.features.retries === 'default' ? arch.retryDefault > 0 : s.features.retries > 0;
  const canRetry = resolve('retries', wantsRetries && s.features.retries !== 'default');
  const retries = s.features.retries === 'default' ? arch.retryDefault : canRetry ? s.features.retries : 0;
  const timeoutUs =
    s.features.timeoutMs !== undefined && resolve('timeouts', true) ? s.features.timeoutMs * 1000 : undefined;
  const l7Policy = resolve('l7-policy', s.features.l7Policy);
  const l7Direction = s.features.l7Direction;
  // Only a design whose path has an egress-rule placement (Cilium's client-node Envoy) moves the rule.
  const placesEgress = [...arch.request, ...arch.response].some((seg) => seg.when?.includes('l7-egress'));
  if (l7Policy && l7Direction === 'egress' && !placesEgress) {
    const where = byId.get('l7-policy')?.support[arch.id].where ?? 'the server side';
    notes.push({
      feature: 'L7 policy on egress',
      mode: 'unavailable',
      reason: `This design enforces L7 authorisation policy in its ${where}, so an egress rule is modelled there too; only Cilium moves it, to the Envoy on the client's node.`,
    });
  }
  return {
    retries,
    timeoutUs,
    mtls: resolve('mtls', s.features.mtls),
    l7Policy,
    l7Direction,
    telemetry: resolve('telemetry', s.features.telemetry),
    nodeEncryption: resolve('node-encryption', s.features.nodeEncryption),
    newConnection: !s.features.connectionReuse,
    notes,
    unsupported,
  };
}
