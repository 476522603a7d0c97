import type { Scenario } from './scenario';
import type { SimSpec } from './simSpec';

/**
 * The scenario's load as the engine takes it: an open load over HTTP/1.1 with reused connections
 * carries one request per connection at a time (RFC 9112 §9.3.2: pipelining is rarely used, so a
 * client waits for a response before reusing the connection); HTTP/2 and gRPC multiplex streams
 * (RFC 9113 §5). Paced and closed loads already send one request per connection at a time. Used by
 * the compiler and wherever a compiled spec is given another load (the Compare page's sweep).
 */
export function engineLoad(s: Pick<Scenario, 'workload' | 'features'>): SimSpec['load'] {
  const load = s.workload.load;
  if (load.kind !== 'open') return load;
  return { ...load, oneInFlight: s.workload.protocol === 'http1' && s.features.connectionReuse };
}
