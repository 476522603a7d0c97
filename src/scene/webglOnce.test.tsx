// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { traceFixture } from '../test/traceFixture';
import { SceneView } from './SceneView';
import { forgetWebGLSupport } from './webgl';

afterEach(() => {
  cleanup();
  forgetWebGLSupport();
  vi.restoreAllMocks();
});

describe('SceneView and WebGL detection', () => {
  it('does not start a test context again when the picture mounts again (a switch of design or view)', () => {
    const ctx = { getExtension: () => ({ loseContext: () => {} }) };
    const get = vi
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockImplementation(() => ctx as unknown as RenderingContext);
    const { layout, buffer, actor } = traceFixture('sidecar-envoy', 1);
    const props = { layout, buffer, actor, selection: null, onSelect: () => {} };
    // The 3D chunk loads lazily: each mount shows its loading state and is taken down before it arrives.
    render(<SceneView {...props} />).unmount();
    render(<SceneView {...props} />).unmount();
    render(<SceneView {...props} />).unmount();
    expect(get).toHaveBeenCalledTimes(1);
  });
});
