import type { ScenarioChanges } from './lesson';

const PROTOCOL: Record<NonNullable<ScenarioChanges['protocol']>, string> = {
  http1: 'HTTP/1.1',
  http2: 'HTTP/2',
  grpc: 'gRPC',
};
const onOff = (name: string, v: boolean) => `${name} ${v ? 'on' : 'off'}`;
const n = (x: number) => x.toLocaleString('en');

/**
 * Scenario changes in words, one phrase each, in the schema's order: "mTLS on", "2,000 req/s",
 * "one waypoint per service". For a page that shows a preset with changes (a lesson's sandbox link).
 */
export function changeWords(c: ScenarioChanges): string[] {
  const out: string[] = [];
  if (c.mtls !== undefined) out.push(onOff('mTLS', c.mtls));
  if (c.l7Policy !== undefined) out.push(onOff('L7 policy', c.l7Policy));
  if (c.telemetry !== undefined) out.push(onOff('telemetry', c.telemetry));
  if (c.connectionReuse !== undefined)
    out.push(c.connectionReuse ? 'connections reused' : 'a new connection per request');
  if (c.nodeEncryption !== undefined) out.push(onOff('node-to-node encryption', c.nodeEncryption));
  if (c.placement !== undefined) out.push(`placement ${c.placement}`);
  if (c.waypointScope !== undefined) out.push(`one waypoint per ${c.waypointScope}`);
  if (c.rps !== undefined) out.push(`${n(c.rps)} req/s`);
  if (c.meshPods !== undefined) out.push(`a mesh of ${n(c.meshPods)} pods`);
  if (c.retries !== undefined) out.push(`${c.retries} ${c.retries === 1 ? 'retry' : 'retries'}`);
  if (c.timeoutMs !== undefined) out.push(`a ${n(c.timeoutMs)} ms timeout`);
  if (c.protocol !== undefined) out.push(PROTOCOL[c.protocol]);
  if (c.connections !== undefined)
    out.push(`${n(c.connections)} connection${c.connections === 1 ? '' : 's'}`);
  if (c.pacing !== undefined) out.push(`paced load (${c.pacing})`);
  if (c.l7Direction !== undefined) out.push(`the L7 rule on the ${c.l7Direction} side`);
  return out;
}
