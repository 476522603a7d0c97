import { describe, expect, it } from 'vitest';
import { COMPONENT_COLOR, hexToRgb, LEG_COLOR, STATE_COLOR } from './palette';

const BG = '#11151c';
const luminance = (hex: string) => {
  const f = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = hexToRgb(hex).map(f);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
/** Distance in 0–255 RGB space. */
const distance = (a: string, b: string) =>
  Math.hypot(...hexToRgb(a).map((v, i) => (v - hexToRgb(b)[i]) * 255));

describe('palette', () => {
  const packetColours = [...Object.values(LEG_COLOR), ...Object.values(STATE_COLOR)];

  it('draws proxies in colours no packet state or leg uses (a node proxy must not look "dropped")', () => {
    for (const c of ['sidecar', 'nodeproxy', 'waypoint'] as const)
      for (const p of packetColours)
        expect(distance(COMPONENT_COLOR[c], p), `${c} ${COMPONENT_COLOR[c]} vs ${p}`).toBeGreaterThan(90);
  });

  it('tells a sidecar from the response-leg packets that pass through it (≥ 120 apart in RGB)', () => {
    // The sidecar was once #f39c12, 18 from the response orange #f08a14: indistinguishable.
    expect(distance(COMPONENT_COLOR.sidecar, LEG_COLOR.response)).toBeGreaterThanOrEqual(120);
    expect(distance('#f39c12', LEG_COLOR.response)).toBeLessThan(120);
  });

  it('tells every packet colour from every other, a retry from a response most of all', () => {
    for (const a of packetColours)
      for (const b of packetColours) if (a !== b) expect(distance(a, b), `${a} vs ${b}`).toBeGreaterThan(90);
    // A retry was once yellow #f2c500, 62 from the response orange: learners read it as a response.
    expect(distance(STATE_COLOR.retried, LEG_COLOR.response)).toBeGreaterThanOrEqual(120);
    expect(distance('#f2c500', LEG_COLOR.response)).toBeLessThan(120);
  });

  it('keeps ≥ 3:1 contrast against the scene background', () => {
    for (const c of [
      ...Object.values(COMPONENT_COLOR).filter(
        (c) => c !== COMPONENT_COLOR.platform && c !== COMPONENT_COLOR.kernel,
      ),
      ...packetColours,
    ])
      expect(contrast(c, BG), c).toBeGreaterThanOrEqual(3);
  });
});
