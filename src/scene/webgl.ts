/** Whether this browser can draw WebGL, and if not, why (said to the person, not just logged). */
export type WebGLSupport = { ok: true } | { ok: false; reason: string };

export function detectWebGL(doc: Document = document): WebGLSupport {
  try {
    const canvas = doc.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) {
      return {
        ok: false,
        reason:
          'this browser could not start WebGL (it may be turned off, blocked by policy, or unsupported by the graphics driver)',
      };
    }
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `starting WebGL failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

let supported = false;

/**
 * `detectWebGL` once per page: starting a WebGL context to find out costs a long task under software
 * rendering (about 150 ms on a 2-core machine), and every change of scenario, design or view mounts
 * the picture again. Only a success is kept: a browser that could not start WebGL is asked again.
 */
export function webglSupport(doc: Document = document): WebGLSupport {
  if (supported) return { ok: true };
  const s = detectWebGL(doc);
  supported = s.ok;
  return s;
}

/** For tests: forget what was found. */
export function forgetWebGLSupport(): void {
  supported = false;
}
