import { describe, expect, it } from 'vitest';
import { changeWords } from './changeWords';
import { ScenarioChangesSchema } from './lesson';
import { shippedLessons } from './shippedLessons';

describe('scenario changes in words', () => {
  it('one phrase per change, in the schema’s order, with units and numbers as the page writes them', () => {
    expect(
      changeWords({
        mtls: true,
        l7Policy: false,
        connectionReuse: false,
        waypointScope: 'service',
        rps: 20_000,
        retries: 1,
        timeoutMs: 250,
        protocol: 'grpc',
        connections: 1,
      }),
    ).toEqual([
      'mTLS on',
      'L7 policy off',
      'a new connection per request',
      'one waypoint per service',
      '20,000 req/s',
      '1 retry',
      'a 250 ms timeout',
      'gRPC',
      '1 connection',
    ]);
  });

  it('has words for every change the schema allows, and for every change a shipped lesson makes', () => {
    const keys = Object.keys(ScenarioChangesSchema.shape);
    const sample: Record<string, unknown> = {
      mtls: true,
      l7Policy: true,
      telemetry: true,
      connectionReuse: true,
      nodeEncryption: true,
      placement: 'same-node',
      waypointScope: 'namespace',
      rps: 1,
      meshPods: 1,
      retries: 2,
      timeoutMs: 1,
      protocol: 'http2',
      connections: 2,
      pacing: 'jitter',
      l7Direction: 'ingress',
    };
    expect(Object.keys(sample).sort()).toEqual([...keys].sort());
    for (const k of keys) expect(changeWords({ [k]: sample[k] }), k).toHaveLength(1);
    for (const l of shippedLessons())
      for (const s of l.steps)
        if (s.type === 'set' && s.scenario?.changes)
          expect(changeWords(s.scenario.changes)).toHaveLength(Object.keys(s.scenario.changes).length);
  });
});
