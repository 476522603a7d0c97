import { describe, expect, it } from 'vitest';
import { COMPONENT_COLOR, HOOK_COLOR } from '../../../scene/palette';
import { COMPONENT, HOOK, renderTokensCss, tokenValue } from '../../../design/tokens';
import { CATEGORIES } from '../BreakdownSection';
import { ARCHITECTURE_IDS } from '../../../model/architecture';
import { designColour, fillClass, strokeClass } from './colour';

describe('chart colours', () => {
  it('gives each of the nine designs its own colour, the same in every comparison', () => {
    const colours = ARCHITECTURE_IDS.map(designColour);
    expect(new Set(colours).size).toBe(9);
    expect([...colours].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // The sidecar is one colour whether the library stands before it in the comparison or not.
    expect(designColour('sidecar-envoy')).toBe(4);
  });

  it('names a series index or a design token as a class the stylesheets define', () => {
    expect(fillClass(3)).toBe('c3');
    expect(strokeClass(3)).toBe('s3');
    expect(fillClass('component/sidecar')).toBe('fill-component-sidecar');
    expect(strokeClass('hook/netfilter')).toBe('stroke-hook-netfilter');
    const css = renderTokensCss();
    for (const c of CATEGORIES) expect(css, c.key).toContain(`.${fillClass(c.color)} {`);
  });

  it("draws the breakdown's app, proxy and netfilter in the scene's colours (dark scheme: the same hex)", () => {
    const of = (k: string) => CATEGORIES.find((c) => c.key === k)!.color;
    expect(tokenValue(of('app'), 'dark')).toBe(COMPONENT_COLOR.app);
    expect(tokenValue(of('proxy'), 'dark')).toBe(COMPONENT_COLOR.sidecar);
    expect(tokenValue(of('netfilter'), 'dark')).toBe(HOOK_COLOR.netfilter);
    // On the light page the same hue, darkened to keep 3:1 (src/design/tokens.test.ts).
    expect(tokenValue(of('proxy'), 'light')).toBe(COMPONENT.sidecar.light);
    expect(tokenValue(of('netfilter'), 'light')).toBe(HOOK.netfilter.light);
  });
});
