import { describe, expect, it } from 'vitest';
import { environmentOf, kindChanges, runOrder, type FileKind } from './order';

type File = FileKind & { name: string };
const kind = (f: File): FileKind => f;
/** vitest's order as it came in CI: largest first, node and jsdom unit files mixed, browser files first. */
function files(): File[] {
  const out: File[] = [];
  for (let i = 0; i < 12; i++) out.push({ name: `e${i}`, project: 'e2e', environment: 'node' });
  for (let i = 0; i < 60; i++)
    out.push({ name: `u${i}`, project: 'unit', environment: i % 4 === 1 ? 'jsdom' : 'node' });
  for (let i = 0; i < 3; i++) out.push({ name: `m${i}`, project: 'unit-mocks', environment: 'node' });
  return out;
}

describe('the order the test files run in', () => {
  it('keeps every file exactly once', () => {
    const order = runOrder(files(), kind);
    expect(order.map((f) => f.name).sort()).toEqual(
      files()
        .map((f) => f.name)
        .sort(),
    );
  });

  it('runs the unit files of one environment together: few changes of project or environment', () => {
    const input = files();
    expect(kindChanges(input, kind)).toBe(32);
    const order = runOrder(input, kind);
    // node, jsdom and the mocks, with four clumps of browser files in and around them.
    expect(kindChanges(order, kind)).toBeLessThanOrEqual(2 + 2 * 4);
    const unit = order.filter((f) => f.project === 'unit');
    const firstJsdom = unit.findIndex((f) => f.environment === 'jsdom');
    expect(unit.slice(firstJsdom, firstJsdom + 15).every((f) => f.environment === 'jsdom')).toBe(true);
  });

  it('ends with the group of most files (the node unit tests), so the two workers finish together', () => {
    const order = runOrder(files(), kind);
    const unitAndMocks = order.filter((f) => f.project !== 'e2e');
    expect(unitAndMocks.slice(0, 3).map((f) => f.project)).toEqual([
      'unit-mocks',
      'unit-mocks',
      'unit-mocks',
    ]);
    expect(unitAndMocks.slice(3, 18).every((f) => f.environment === 'jsdom')).toBe(true);
    expect(unitAndMocks.slice(18).every((f) => f.project === 'unit' && f.environment === 'node')).toBe(true);
    expect(order.at(-1)!.name).toBe('u59');
  });

  it('keeps vitest’s order within each project and environment', () => {
    const order = runOrder(files(), kind);
    for (const env of ['node', 'jsdom']) {
      const got = order.filter((f) => f.project === 'unit' && f.environment === env).map((f) => f.name);
      const want = files()
        .filter((f) => f.project === 'unit' && f.environment === env)
        .map((f) => f.name);
      expect(got).toEqual(want);
    }
  });

  it('spreads the browser files in clumps through the run, each mixing long and short ones', () => {
    const order = runOrder(files(), kind);
    const at = (name: string) => order.findIndex((f) => f.name === name);
    // Clump c holds e_c, e_(c+4), e_(c+8): browser files come in vitest's order, longest first.
    expect(at('e0')).toBe(0);
    expect([at('e0'), at('e4'), at('e8')]).toEqual([0, 1, 2]);
    const starts = [0, 1, 2, 3].map((c) => at(`e${c}`));
    // Clump c starts at about c / 4 of the way through the 63 other files.
    expect(starts.map((s, c) => s - 3 * c)).toEqual([0, 16, 32, 48]);
  });

  it('reads the environment a file asks for, else the project’s', () => {
    expect(environmentOf('// @vitest-environment jsdom\nimport x from "y";', 'node')).toBe('jsdom');
    expect(environmentOf('/** @vitest-environment happy-dom */', 'node')).toBe('happy-dom');
    expect(environmentOf('import x from "y";', 'node')).toBe('node');
  });
});
