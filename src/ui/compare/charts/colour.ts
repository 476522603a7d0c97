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
