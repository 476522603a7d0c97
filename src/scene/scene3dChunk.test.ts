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
  return { Scene3D: () => null };
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
});
