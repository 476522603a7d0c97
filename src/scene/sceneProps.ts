import type { PlaybackActor } from '../machines/playback';
import type { TraceBuffer } from '../machines/trace/buffer';
import type { Selection } from '../machines/trace/selection';
import type { TraceLayout } from '../worker/trace/protocol';
import type { SceneLayout } from './layout';
import type { SceneProbe } from './probe';

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
  /** Presentation mode: larger packets and labels. */
  presentation?: boolean;
}
