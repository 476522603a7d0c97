// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetWebGLSupport, webglSupport } from './webgl';

// Each mount of the picture started a WebGL context only to see whether one could start: a long
// task under software rendering, paid again at every change of scenario, design or view. Counted.

afterEach(() => {
  forgetWebGLSupport();
  vi.restoreAllMocks();
});

describe('webglSupport', () => {
  it('starts a context once per page when WebGL works', () => {
    const lose = vi.fn();
    const ctx = { getExtension: () => ({ loseContext: lose }) };
    const get = vi
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockImplementation(() => ctx as unknown as RenderingContext);
    expect(webglSupport()).toEqual({ ok: true });
    expect(webglSupport()).toEqual({ ok: true });
    expect(webglSupport()).toEqual({ ok: true });
    expect(get).toHaveBeenCalledTimes(1);
    expect(lose).toHaveBeenCalledTimes(1); // the test context is released at once
  });

  it('asks again after a failure, and says why each time', () => {
    const get = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);
    expect(webglSupport()).toMatchObject({ ok: false, reason: /could not start WebGL/ });
    expect(webglSupport()).toMatchObject({ ok: false });
    expect(get).toHaveBeenCalledTimes(4); // webgl2, then webgl, each time
  });
});
