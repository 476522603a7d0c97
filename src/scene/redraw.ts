import type { SceneProps } from './sceneProps';

/**
 * Calls `draw` at most once per animation frame after playback or the buffer changes (by reference,
 * no React state); returns the cleanup for an effect.
 */
export function redrawOnChange(
  actor: SceneProps['actor'],
  buffer: SceneProps['buffer'],
  draw: () => void,
): () => void {
  let raf = 0;
  const schedule = () => {
    if (!raf)
      raf = requestAnimationFrame(() => {
        raf = 0;
        draw();
      });
  };
  const sub = actor.subscribe(schedule);
  const unsub = buffer.subscribe(schedule);
  return () => {
    sub.unsubscribe();
    unsub();
    if (raf) cancelAnimationFrame(raf);
  };
}
