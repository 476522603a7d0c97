/**
 * Shaders compiled before the 3D view's first frame. Drawn at once, the first frame compiles and links
 * every program and then waits for each link on the main thread (a long task as the page opens, and
 * again on a 2-core laptop with software WebGL). three's compileAsync starts the compiles and, where
 * the browser offers KHR_parallel_shader_compile, waits for them without blocking; the canvas does not
 * render until then — or until PRECOMPILE_WAIT_MS, so a driver that never reports keeps the picture.
 */

/** The longest the first frame waits for background compilation, ms. */
export const PRECOMPILE_WAIT_MS = 3000;

export interface Compiler<S, C> {
  compileAsync(scene: S, camera: C): Promise<unknown>;
}

/** Resolves once the scene's programs are ready, or after `waitMs`; never rejects. */
export function precompile<S, C>(
  gl: Compiler<S, C>,
  scene: S,
  camera: C,
  waitMs = PRECOMPILE_WAIT_MS,
): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      gl.compileAsync(scene, camera).then(done, done);
    } catch {
      done();
    }
  });
}

/** The canvas's frame loop: none until the shaders are ready, then every frame while playing, else on demand. */
export const frameloopFor = (compiled: boolean, playing: boolean): 'never' | 'always' | 'demand' =>
  !compiled ? 'never' : playing ? 'always' : 'demand';
