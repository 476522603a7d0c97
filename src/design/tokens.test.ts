import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEG_SCALE } from '../scene/palette';
import { contrast, distance, type Deficiency } from './colour';
import {
  COLOUR_GROUPS,
  COMPONENT,
  LEG,
  renderTokensCss,
  SERIES,
  STAGE,
  STATE,
  SURFACE,
  type ColourToken,
  type Scheme,
} from './tokens';

const SCHEMES: Scheme[] = ['light', 'dark'];
const DEFICIENCIES: Deficiency[] = ['protanopia', 'deuteranopia', 'tritanopia'];
/** CIE76 ΔE two colours that must be told apart keep, for normal vision and each simulated deficiency. */
const MIN_DELTA_E = 12;

const all = Object.entries(COLOUR_GROUPS).flatMap(([group, tokens]) =>
  Object.entries(tokens as Record<string, ColourToken>).map(([name, t]) => ({
    id: `${group}/${name}`,
    group,
    t,
  })),
);

describe('design tokens', () => {
  it('src/design/tokens.css is what tokens.ts renders (run `npm run tokens` after changing a token)', () => {
    const file = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');
    expect(file).toBe(renderTokensCss());
  });

  it('renders every token as a custom property, dark values under prefers-color-scheme', () => {
    const css = renderTokensCss();
    expect(css).toContain('  --bg: #ffffff;');
    expect(css).toContain('  --leg-response: #d87700;');
    const at = css.indexOf('@media (prefers-color-scheme: dark)');
    const dark = css.slice(at, css.indexOf('\n}\n', at));
    expect(dark).toContain('    --bg: #121417;');
    expect(dark).toContain('    --leg-response: #f08a14;');
    // Values equal in both schemes are written once.
    expect(dark).not.toContain('--leg-request');
    expect(css).toContain('.fill-component-app {\n  fill: var(--component-app);');
  });

  it('holds only #rrggbb values, each meaning written down', () => {
    for (const { id, t } of all) {
      expect(t.light, id).toMatch(/^#[0-9a-f]{6}$/);
      expect(t.dark, id).toMatch(/^#[0-9a-f]{6}$/);
      expect(t.meaning.length, id).toBeGreaterThan(3);
    }
  });

  it('text tokens reach 4.5:1 on the page background and the alternate-row surface, in both schemes', () => {
    const texts = Object.entries(SURFACE).filter(([n, t]) => t.role === 'text' && n !== 'accent-fg');
    expect(texts.length).toBeGreaterThanOrEqual(4);
    for (const s of SCHEMES)
      for (const [name, t] of texts)
        for (const bg of [SURFACE.bg[s], SURFACE.row[s]])
          expect(contrast(t[s], bg), `${name} on ${bg} (${s})`).toBeGreaterThanOrEqual(4.5);
    for (const s of SCHEMES)
      expect(contrast(SURFACE['accent-fg'][s], SURFACE.accent[s]), `accent-fg (${s})`).toBeGreaterThanOrEqual(
        4.5,
      );
    expect(contrast(STAGE.fg.dark, STAGE.bg.dark), 'stage text').toBeGreaterThanOrEqual(4.5);
    for (const [name, t] of Object.entries(STAGE))
      if (t.role === 'graphic') expect(contrast(t.dark, STAGE.bg.dark), name).toBeGreaterThanOrEqual(3);
  });

  it('every meaningful graphic colour reaches 3:1 on the surfaces it is drawn on (WCAG 1.4.11)', () => {
    const graphics = all.filter((x) => x.t.role === 'graphic' && x.group !== '' && x.group !== 'stage');
    expect(graphics.length).toBeGreaterThan(30);
    for (const { id, t } of graphics) {
      // The light value on the light page; the dark value on the dark page and on the stage (dark in both schemes).
      expect(contrast(t.light, SURFACE.bg.light), `${id} on the light page`).toBeGreaterThanOrEqual(3);
      expect(contrast(t.dark, SURFACE.bg.dark), `${id} on the dark page`).toBeGreaterThanOrEqual(3);
      expect(contrast(t.dark, STAGE.bg.dark), `${id} on the stage`).toBeGreaterThanOrEqual(3);
    }
    for (const s of SCHEMES)
      for (const n of ['border', 'focus'] as const)
        expect(contrast(SURFACE[n][s], SURFACE.bg[s]), `${n} (${s})`).toBeGreaterThanOrEqual(3);
  });

  /** Pairs a viewer must tell apart by colour alone (no shape difference carries them). */
  const byColour: Record<string, ColourToken[]> = {
    'request vs response leg': [LEG.request, LEG.response],
    'response vs handler': [LEG.response, LEG.handler],
    'dropped, timed out, retried and the legs': [
      STATE.dropped,
      STATE['timed-out'],
      STATE.retried,
      LEG.request,
      LEG.response,
    ],
    components: [
      COMPONENT.app,
      COMPONENT.sidecar,
      COMPONENT.library,
      COMPONENT.nodeproxy,
      COMPONENT.waypoint,
    ],
  };

  it.each(Object.entries(byColour))(
    'tells %s apart with every colour-vision deficiency (Machado 2009), ΔE ≥ 12',
    (_, tokens) => {
      for (const s of SCHEMES)
        for (let i = 0; i < tokens.length; i++)
          for (let j = i + 1; j < tokens.length; j++)
            for (const d of [undefined, ...DEFICIENCIES]) {
              const [a, b] = [tokens[i][s], tokens[j][s]];
              expect(distance(a, b, d), `${a} vs ${b}, ${d ?? 'normal'} (${s})`).toBeGreaterThanOrEqual(
                MIN_DELTA_E,
              );
            }
    },
  );

  it('request and handler packets, close for a deuteranope, are told apart by shape (docs/design.md)', () => {
    // Documented exception: ΔE 5 under protanopia; LEG_SCALE draws a request tall and handler work cubic.
    expect(distance(LEG.request.dark, LEG.handler.dark, 'protanopia')).toBeLessThan(MIN_DELTA_E);
    expect(LEG_SCALE.request).not.toEqual(LEG_SCALE.handler);
    expect(LEG_SCALE.request[1] / LEG_SCALE.request[0]).toBeGreaterThan(1.5);
    expect(LEG_SCALE.handler[1] / LEG_SCALE.handler[0]).toBe(1);
  });

  it('the node proxy was changed because the old teal merged with the app blue for a tritanope', () => {
    expect(distance('#4aa3df', '#1aa39a', 'tritanopia')).toBeLessThan(MIN_DELTA_E);
    expect(distance(COMPONENT.app.dark, COMPONENT.nodeproxy.dark, 'tritanopia')).toBeGreaterThanOrEqual(
      MIN_DELTA_E,
    );
  });

  it('keeps nine distinct chart series in each scheme', () => {
    for (const s of SCHEMES) {
      const values = Object.values(SERIES).map((t) => t[s]);
      expect(new Set(values).size).toBe(9);
      for (let i = 0; i < values.length; i++)
        for (let j = i + 1; j < values.length; j++)
          expect(distance(values[i], values[j]), `${values[i]} vs ${values[j]}`).toBeGreaterThanOrEqual(
            MIN_DELTA_E,
          );
    }
  });
});
