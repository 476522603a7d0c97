import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameloopFor, precompile, PRECOMPILE_WAIT_MS } from './precompile';

afterEach(() => vi.useRealTimers());

describe('shaders compiled before the first frame', () => {
  it('compiles the scene once with its camera, and is ready when the compiler says so', async () => {
    const calls: unknown[][] = [];
    let finish!: () => void;
    const gl = {
      compileAsync: (s: string, c: string) => {
        calls.push([s, c]);
        return new Promise<void>((r) => (finish = r));
      },
    };
    let ready = false;
    const p = precompile(gl, 'scene', 'camera').then(() => (ready = true));
    await Promise.resolve();
    expect(calls).toEqual([['scene', 'camera']]);
    expect(ready).toBe(false);
    finish();
    await p;
    expect(ready).toBe(true);
  });

  it('draws anyway after the wait when the compiler never reports, or fails', async () => {
    vi.useFakeTimers();
    let ready = false;
    const p = precompile({ compileAsync: () => new Promise(() => {}) }, 0, 0).then(() => (ready = true));
    await vi.advanceTimersByTimeAsync(PRECOMPILE_WAIT_MS - 1);
    expect(ready).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(ready).toBe(true);
    vi.useRealTimers();
    await precompile({ compileAsync: () => Promise.reject(new Error('lost context')) }, 0, 0);
    await precompile(
      {
        compileAsync: () => {
          throw new Error('no GL');
        },
      },
      0,
      0,
    );
  });

  it('renders no frame before the shaders are ready, then every frame while playing or on demand', () => {
    expect(frameloopFor(false, true)).toBe('never');
    expect(frameloopFor(false, false)).toBe('never');
    expect(frameloopFor(true, true)).toBe('always');
    expect(frameloopFor(true, false)).toBe('demand');
  });
});
