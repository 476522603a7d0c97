// The 3D view (three.js and react-three-fiber, the largest part of the app) is a chunk of its own,
// downloaded when a picture is first drawn in 3D or ahead of that (see src/app/pages.ts).
import { lazy } from 'react';

let pending: Promise<typeof import('./Scene3D')> | null = null;

/** The view's download, once; a failed download is forgotten, so a later call tries again. */
function load(ahead: boolean): Promise<typeof import('./Scene3D')> {
  // Ahead of need, three.js is evaluated first, in a task of its own: the whole view at once was one
  // task of about 60 ms of a core (200 ms while the workers held both). When a picture waits for it,
  // both chunks download side by side instead of one after the other.
  pending ??= (ahead ? import('three').then(() => import('./Scene3D')) : import('./Scene3D')).catch(
    (e: unknown) => {
      pending = null;
      throw e;
    },
  );
  return pending;
}

/** Starts the 3D view's download ahead of need (a link hovered, the page quiet). */
export function preloadScene3D(): Promise<typeof import('./Scene3D')> {
  return load(true);
}

/** The 3D view as a lazy component: a failed download throws to SceneView's fallback, which draws in 2D. */
export const LazyScene3D = lazy(() => load(false).then((m) => ({ default: m.Scene3D })));
