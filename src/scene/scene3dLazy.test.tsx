// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { Suspense, type ComponentType } from 'react';
import { describe, expect, it, vi } from 'vitest';

// Replaces three.js and the 3D view with modules that record when they are evaluated. Listed in
// vite.config.ts's MOCKING_FILES: it needs them unloaded when it starts.
const evaluated: string[] = [];
vi.mock('three', () => {
  evaluated.push('three');
  return {};
});
vi.mock('./Scene3D', () => {
  evaluated.push('Scene3D');
  return { Scene3D: () => <p>the 3D view</p> };
});

describe('the 3D view’s download', () => {
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
