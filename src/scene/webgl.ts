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
