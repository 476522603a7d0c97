import { describe, expect, it } from 'vitest';
import { circles, importGraph } from '../../scripts/importGraph';

describe('import graph', () => {
  it('has no circles in src/, type-only imports included', () => {
    expect(circles(importGraph('src')).map((c) => c.join(' → '))).toEqual([]);
  });

  it('finds a circle when there is one (the check can fail)', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(circles(g)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('reads type-only imports and re-exports as edges', () => {
    const g = importGraph('src');
    expect(g.get('src/scene/three/Packets.tsx')).toContain('src/scene/sceneProps.ts');
    expect(g.get('src/model/catalogs.ts')).toContain('src/model/footprint.ts'); // `import type`
    expect(g.get('src/model/catalogs.ts')).toContain('src/model/catalogFiles.ts'); // `export … from`
  });
});
