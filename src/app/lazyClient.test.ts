import { describe, expect, it, vi } from 'vitest';
import type { EngineClient } from '../worker/client';
import { lazyEngineClient } from './lazyClient';

const fakeClient = () =>
  ({
    estimate: vi.fn(async () => ({ status: 'ok' })),
    dispose: vi.fn(),
  }) as unknown as EngineClient;

describe('lazyEngineClient', () => {
  it('starts no worker until a method is used, then one, and forwards calls to it', async () => {
    const real = fakeClient();
    const make = vi.fn(() => real);
    const client = lazyEngineClient(make);
    expect(make).not.toHaveBeenCalled();
    await client.estimate({} as never);
    await client.estimate({} as never);
    expect(make).toHaveBeenCalledTimes(1);
    expect(real.estimate).toHaveBeenCalledTimes(2);
    client.dispose();
    expect(real.dispose).toHaveBeenCalledTimes(1);
  });

  it('dispose before first use starts nothing', () => {
    const make = vi.fn(fakeClient);
    lazyEngineClient(make).dispose();
    expect(make).not.toHaveBeenCalled();
  });
});
