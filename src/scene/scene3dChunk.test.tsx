// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { Suspense, type ComponentType } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Replaces three.js and the 3D view with modules that record when they are evaluated, afresh for each
// test (a new chunk module, nothing downloaded yet). Listed in vite.config.ts's MOCKING_FILES.
const evaluated: string[] = [];
beforeEach(() => {
  vi.resetModules();
  evaluated.length = 0;
  vi.doMock('three', () => {
    evaluated.push('three');
    return {};
  });
  vi.doMock('./Scene3D', () => {
    evaluated.push('Scene3D');
    return { Scene3D: () => <p>the 3D view</p> };
  });
});

describe('the 3D view’s download', () => {
  it('ahead of need: evaluates three.js first, on its own, then the view; once however often it is asked', async () => {
    const { preloadScene3D } = await import('./scene3dChunk');
    const first = preloadScene3D();
    expect(preloadScene3D()).toBe(first);
    // Nothing evaluated in the caller's task.
    expect(evaluated).toEqual([]);
    const m = await first;
    expect(typeof m.Scene3D).toBe('function');
    expect(evaluated).toEqual(['three', 'Scene3D']);
  });

  it('when a picture waits for it: the view imported at once (its chunks download side by side)', async () => {
    const { LazyScene3D } = await import('./scene3dChunk');
    // The mock view takes no props.
    const View = LazyScene3D as unknown as ComponentType;
    render(
      <Suspense fallback={<p>loading</p>}>
        <View />
      </Suspense>,
    );
    expect(await screen.findByText('the 3D view')).toBeTruthy();
    // The mock view does not import three.js, so only the ahead-of-need path evaluates it.
    expect(evaluated).toEqual(['Scene3D']);
  });
});
