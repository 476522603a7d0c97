// Test support (not a test): a worker port the test answers by hand, and a spawner that records
// every port it starts (the client starts a new one to replace a lost worker).
export interface ManualPort {
  sent: unknown[];
  terminated: boolean;
  postMessage(m: unknown): void;
  addEventListener(type: string, l: (e: never) => void): void;
  terminate(): void;
  /** The worker posts `data`. */
  reply(data: unknown): void;
  /** An 'error' event, as an uncaught exception in the worker raises. */
  crash(message: string): void;
}

export function manualPort(): ManualPort {
  const listeners = new Map<string, ((e: never) => void)[]>();
  const emit = (type: string, e: unknown) => listeners.get(type)?.forEach((l) => l(e as never));
  return {
    sent: [],
    terminated: false,
    postMessage(m) {
      this.sent.push(m);
    },
    addEventListener(type, l) {
      listeners.set(type, [...(listeners.get(type) ?? []), l]);
    },
    terminate() {
      this.terminated = true;
    },
    reply: (data) => emit('message', { data }),
    crash: (message) => emit('error', { message }),
  };
}

export function manualSpawner() {
  const ports: ManualPort[] = [];
  return {
    ports,
    spawn: () => {
      const p = manualPort();
      ports.push(p);
      return p;
    },
    get current(): ManualPort {
      return ports[ports.length - 1];
    },
  };
}
