import type { ArchitectureId } from '../../../model/architecture';
import type { MeaningKey } from '../../../design/tokens';

/**
 * A chart series' colour: an index into the categorical series (percentiles, designs), or a design
 * token with meaning, so a proxy's bar is the sidecar's colour in the scene (src/design/tokens.ts).
 */
export type ChartColour = number | MeaningKey;

/** The class that fills a bar, mark or swatch with the colour (compare.css, src/design/tokens.css). */
export const fillClass = (c: ChartColour) =>
  typeof c === 'number' ? `c${c}` : `fill-${c.replace('/', '-')}`;

/** The class that strokes a line with the colour. */
export const strokeClass = (c: ChartColour) =>
  typeof c === 'number' ? `s${c}` : `stroke-${c.replace('/', '-')}`;

/**
 * Each design's colour on the line charts, fixed by the design rather than by its place in the
 * comparison: a design keeps its colour from one comparison to the next (the sidecar was blue in one
 * and green in the next when the library took its place). All nine categorical colours, one each.
 */
const DESIGN_COLOURS: Record<ArchitectureId, number> = {
  'no-mesh': 0,
  'sidecar-envoy': 4,
  ambient: 2,
  'cilium-ebpf': 5,
  'sidecar-linkerd': 6,
  library: 1,
  'proxyless-grpc': 3,
  'sidecar-ebpf-redirect': 7,
  'ambient-waypoint': 8,
};

export function designColour(architecture: string): number {
  return DESIGN_COLOURS[architecture as ArchitectureId] ?? 0;
}
