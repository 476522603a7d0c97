import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  over,
  parseCssColor,
  relativeLuminance,
  requiredRatio,
  worstContrast,
} from './contrast';

describe('WCAG contrast maths', () => {
  it('gives the relative luminance of black, white and mid grey', () => {
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 10);
    // #777777: the grey that just fails 4.5:1 on white (a well-known value, 4.48:1).
    expect(relativeLuminance([0x77, 0x77, 0x77])).toBeCloseTo(0.184475, 5);
  });

  it('gives 21:1 for black on white, 1:1 for a colour on itself, and known pairs', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 10);
    expect(contrastRatio([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 10);
    expect(contrastRatio([0x2f, 0x7b, 0xf6], [0x2f, 0x7b, 0xf6])).toBe(1);
    expect(contrastRatio([0x77, 0x77, 0x77], [255, 255, 255])).toBeCloseTo(4.48, 2);
    expect(contrastRatio([0x76, 0x76, 0x76], [255, 255, 255])).toBeCloseTo(4.54, 2);
  });

  it('composites a translucent plate over what is beneath', () => {
    expect(over({ rgb: [0, 0, 0], alpha: 0.5 }, [255, 255, 255])).toEqual([127.5, 127.5, 127.5]);
    expect(over({ rgb: [10, 20, 30], alpha: 1 }, [255, 0, 0])).toEqual([10, 20, 30]);
    expect(over({ rgb: [10, 20, 30], alpha: 0 }, [255, 0, 0])).toEqual([255, 0, 0]);
  });

  it('reads computed CSS colours and names what it cannot read', () => {
    expect(parseCssColor('rgb(240, 243, 247)')).toEqual({ rgb: [240, 243, 247], alpha: 1 });
    expect(parseCssColor('rgba(17, 21, 28, 0.78)')).toEqual({ rgb: [17, 21, 28], alpha: 0.78 });
    expect(parseCssColor('rgb(17 21 28 / 50%)')).toEqual({ rgb: [17, 21, 28], alpha: 0.5 });
    expect(() => parseCssColor('color(srgb 1 0 0)')).toThrow(/color\(srgb 1 0 0\)/);
  });

  it('asks 3:1 of large text (24 px, or 18.67 px bold) and 4.5:1 of the rest', () => {
    expect(requiredRatio(24, 400)).toBe(3);
    expect(requiredRatio(19, 700)).toBe(3);
    expect(requiredRatio(19, 600)).toBe(4.5);
    expect(requiredRatio(14, 700)).toBe(4.5);
  });

  it('takes the worst pixel beneath a translucent plate; an opaque plate ignores what is beneath', () => {
    const white = { rgb: [240, 243, 247] as const, alpha: 1 };
    const plate = { rgb: [17, 21, 28] as const, alpha: 0.6 };
    const dark = [17, 21, 28, 255];
    const bright = [255, 255, 255, 255];
    const onDark = worstContrast(white, plate, dark);
    const mixed = worstContrast(white, plate, [...dark, ...bright]);
    expect(onDark).toBeCloseTo(contrastRatio([240, 243, 247], [17, 21, 28]), 10);
    expect(mixed).toBeCloseTo(contrastRatio([240, 243, 247], over(plate, [255, 255, 255])), 10);
    expect(mixed).toBeLessThan(onDark);
    // A 60 % plate of #11151c over white comes out at (112, 115, 119): 4.30:1 for #f0f3f7, short of 4.5.
    expect(mixed).toBeCloseTo(4.3, 2);
    expect(worstContrast(white, { rgb: [17, 21, 28], alpha: 1 }, bright)).toBeCloseTo(onDark, 10);
    expect(() => worstContrast(white, plate, [])).toThrow(/pixels beneath/);
  });
});
