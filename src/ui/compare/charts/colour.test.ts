import { describe, expect, it } from 'vitest';
import { COMPONENT_COLOR, HOOK_COLOR } from '../../../scene/palette';
import { COMPONENT, HOOK, renderTokensCss, tokenValue } from '../../../design/tokens';
import { CATEGORIES } from '../BreakdownSection';
import { fillClass, strokeClass } from './colour';

describe('chart colours', () => {
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
