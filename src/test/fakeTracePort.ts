// Test support (not a test): the real trace-worker handler behind an in-process port, replies
// delivered asynchronously as a Worker would (not cloned: jsdom tests would get typed arrays of another realm); the test can make it crash or fall silent.
import { createTraceHandler } from '../worker/trace/handler';
import type { TraceRequest } from '../worker/trace/protocol';

/** `answer`: how many requests it handles before it stops answering (default: all). */
export function fakeTracePort(answer = Infinity) {
  const listeners = new Map<string, ((e: never) => void)[]>();
  const emit = (type: string, e: unknown) => listeners.get(type)?.forEach((l) => l(e as never));
  let silent = false;
  let terminated = false;
  const handle = createTraceHandler((m) => {
    if (!silent && !terminated) setTimeout(() => emit('message', { data: m }), 0);
  });
  const sent: TraceRequest[] = [];
  return {
    sent,
    get terminated() {
      return terminated;
    },
    postMessage(m: TraceRequest) {
      sent.push(m);
      if (sent.length > answer) silent = true;
      if (!silent && !terminated) setTimeout(() => handle(structuredClone(m)), 0);
    },
    addEventListener(type: string, l: (e: never) => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), l]);
    },
    terminate() {
      terminated = true;
    },
    /** An uncaught error in the worker, as the page's 'error' event reports it. */
    crash(message: string) {
      emit('error', { message });
    },
    /** From now on the worker neither handles nor answers anything. */
    silence() {
      silent = true;
    },
  };
}
