import type { EngineClient } from '../worker/client';

/**
 * An engine client whose worker starts on first use: the home page and the lessons list never run the
 * engine, so they download and start no worker. Any property read (a method) creates the real client;
 * `dispose` before that does nothing.
 */
export function lazyEngineClient(make: () => EngineClient): EngineClient {
  let client: EngineClient | null = null;
  return new Proxy({} as EngineClient, {
    get(_, key) {
      if (key === 'dispose') return () => client?.dispose();
      client ??= make();
      const value: unknown = Reflect.get(client, key);
      return typeof value === 'function' ? value.bind(client) : value;
    },
  });
}
