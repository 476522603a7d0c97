import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * Mounts its children in a transition after its own first commit. react-three-fiber renders the
 * canvas's tree inside a layout effect, so synchronously: a 400- or 2,000-pod scene's meshes, batches
 * and labels were built in one task with the WebGL context. Staged, the context is made in one task
 * and the scene is built in later ones, in slices that yield to the browser. Nothing is drawn before:
 * the first frame waits for the shaders of what the children add (see precompile.ts).
 */
export function Staged({ children }: { children: ReactNode }) {
  const [on, setOn] = useState(false);
  useEffect(() => startTransition(() => setOn(true)), []);
  return on ? children : null;
}
