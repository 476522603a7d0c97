import type { TraceEvent } from '../machines/simulate/buffer';
import type { Vec3 } from './layout';

/** A pose the camera eases towards: where it stands and where it looks. */
export interface CameraGoal {
  pos: Vec3;
  target: Vec3;
}

/** Where the follow camera stands relative to the packet it follows: above and in front. */
export const FOLLOW_OFFSET: Vec3 = [0, 5, 7];

/** A goal to write into each frame (the follow camera moves every frame: no new objects per frame). */
export const newGoal = (): CameraGoal => ({ pos: [0, 0, 0], target: [0, 0, 0] });

/** The follow camera's goal for a packet at `at`, written into `out` and returned. */
export function followGoal(at: Vec3, out: CameraGoal): CameraGoal {
  for (let i = 0; i < 3; i++) {
    out.target[i] = at[i];
    out.pos[i] = at[i] + FOLLOW_OFFSET[i];
  }
  return out;
}

/** The packet to follow among those in flight: the request wanted, else the first. */
export function followedPacket(inFlight: readonly TraceEvent[], wanted: number | null): TraceEvent | null {
  if (wanted !== null) for (const e of inFlight) if (e.request === wanted) return e;
  return inFlight[0] ?? null;
}
