import type { Architecture } from '../../model/architecture';
import type { FeatureMatrix } from '../../model/features';
import type { FeatureNote } from '../../model/comparison';
import type { Scenario } from '../../model/scenario';

export type { FeatureNote };

export interface EffectiveFeatures {
  mtls: boolean;
  l7Policy: boolean;
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
  const resolve = (id: string, wanted: boolean): boolean => {
    const f = byId.get(id as never);
    if (!f) return wanted;
    const sup = f.support[arch.id];
    switch (sup.mode) {
      case 'optional':
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
  return {
    retries,
    timeoutUs,
    mtls: resolve('mtls', s.features.mtls),
    l7Policy: resolve('l7-policy', s.features.l7Policy),
    telemetry: resolve('telemetry', s.features.telemetry),
    nodeEncryption: resolve('node-encryption', s.features.nodeEncryption),
    newConnection: !s.features.connectionReuse,
    notes,
    unsupported,
  };
}
