import type { PlaybackActor } from '../machines/simulate/playback';
import type { TraceBuffer } from '../machines/simulate/buffer';
import type { Selection } from '../machines/simulate/selection';
import type { CameraTarget } from '../machines/simulate/sessionMachine';
import type { TraceLayout } from '../worker/trace/protocol';
import type { SceneLayout } from './layout';
import type { NodeDetail } from './lod';
import type { SceneChange } from './archTransition';
import type { Emphasis } from './emphasis';
import type { LinkFilter } from './linkFilter';
import type { SceneProbe } from './probe';
import type { RouteStore } from './useRoute';

/** What both views of the scene (3D and the 2D fallback) are given. */
export interface SceneProps {
  layout: TraceLayout;
  scene: SceneLayout;
  buffer: TraceBuffer;
  actor: PlaybackActor;
  selection: Selection;
  onSelect: (s: Selection) => void;
  showLoad: boolean;
  maxPackets: number;
  probe: SceneProbe;
  label: string;
  /** Which links between nodes to draw (default: all). */
  linkFilter?: LinkFilter;
  /** The items an architecture switch added and removed (null: no switch to show). */
  change?: SceneChange | null;
  /** Presentation mode: larger packets and labels. */
  presentation?: boolean;
  /** The one request whose whole route is drawn, as a store: read by the parts that draw it (none: no route). */
  routeStore?: RouteStore;
  /** What a lesson's narration points at, found on this layout (null: nothing). */
  emphasis?: Emphasis | null;
}

/** Where the camera looks: the session's camera target. */
export type CameraPreset = CameraTarget;

/** What the 3D view is given besides what both views share. */
export interface Scene3DProps extends SceneProps {
  camera: CameraPreset;
  antialias: boolean;
  reducedMotion: boolean;
  onCreated?: () => void;
  /** Per node: drawn pod by pod (1) or as one block (0); see lod.ts. Set by the 3D view itself. */
  detail?: NodeDetail;
}
