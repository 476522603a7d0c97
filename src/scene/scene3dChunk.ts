// The 3D view (three.js and react-three-fiber, the largest part of the app) is a chunk of its own,
// downloaded when a picture is first drawn in 3D or ahead of that (see src/app/pages.ts).
import { lazy } from 'react';

let pending: Promise<typeof import('./Scene3D')> | null = null;

/** Starts the 3D view's download once; a failed download is forgotten, so a later call tries again. */
export function preloadScene3D(): Promise<typeof import('./Scene3D')> {
  // three.js first, in a task of its own: evaluating the whole view at once was one task of about
  // 60 ms of a core (200 ms while the workers held both).
  pending ??= import('three')
    .then(() => import('./Scene3D'))
    .catch((e: unknown) => {
      pending = null;
      throw e;
    });
  return pending;
}

/** The 3D view as a lazy component: a failed download throws to SceneView's fallback, which draws in 2D. */
export const LazyScene3D = lazy(() => preloadScene3D().then((m) => ({ default: m.Scene3D })));
