/**
 * Test-only fault injection for browser tests of the watchdog. The page sends `{ type: 'fault',
 * fault: 'silent', after: n }` to a worker it has just started only when its URL asks for it
 * (`&fault=silent-trace`, `&fault=silent-engine`, optionally `-after-N`; see docs/ARCHITECTURE.md).
 * The worker then handles `after` more requests and afterwards neither handles nor sends anything,
 * like a worker that has hung or closed itself. Without that message nothing here changes behaviour.
 */

export interface FaultMessage {
  type: 'fault';
  fault: 'silent';
  /** Requests still handled before the worker falls silent. */
  after: number;
}

export type WorkerFault = { worker: 'engine' | 'trace'; after: number };

function isFault(data: unknown): data is FaultMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Partial<FaultMessage>;
  return m.type === 'fault' && m.fault === 'silent' && Number.isInteger(m.after) && (m.after as number) >= 0;
}

/** `fault=silent-trace-after-2` → { worker: 'trace', after: 2 }; anything else → null. */
export function parseFault(value: string | null): WorkerFault | null {
  const m = value?.match(/^silent-(engine|trace)(?:-after-(\d{1,4}))?$/);
  return m ? { worker: m[1] as 'engine' | 'trace', after: m[2] ? Number(m[2]) : 0 } : null;
}

export function faultMessage(f: WorkerFault): FaultMessage {
  return { type: 'fault', fault: 'silent', after: f.after };
}

/**
 * How a client starts its worker: `port` is one (it cannot be replaced if lost: no restarts) or a
 * function that starts one; the first worker started is sent the test fault, if any.
 */
export function spawnerFor<P extends { postMessage(m: FaultMessage): void }>(
  port: P | (() => P),
  fault: WorkerFault | null | undefined,
): { spawn: () => P; maxRestarts: number | undefined } {
  let first = true;
  const spawn = () => {
    const p = typeof port === 'function' ? port() : port;
    if (first && fault) p.postMessage(faultMessage(fault));
    first = false;
    return p;
  };
  return { spawn, maxRestarts: typeof port === 'function' ? undefined : 0 };
}

/**
 * Wraps a worker's message handling and posting so a fault message can silence both: the worker falls
 * silent when the first request past `after` arrives, and from then on drops every message both ways.
 */
export function createFaultGate() {
  let remaining = Infinity;
  let silent = false;
  return {
    /** Whether to handle this incoming message (false for the fault message itself and once silent). */
    admit(data: unknown): boolean {
      if (isFault(data)) {
        remaining = data.after;
        return false;
      }
      if (silent) return false;
      // A cancel, or a spec sent ahead of its comparison, is not a request of its own; every other
      // message counts against `after`.
      const type = (data as { type?: unknown } | null)?.type;
      if (type === 'cancel' || type === 'spec' || type === 'spec-part') return true;
      if (remaining <= 0) silent = true;
      else remaining--;
      return !silent;
    },
    /** Whether the worker may still send. */
    open: (): boolean => !silent,
  };
}
