import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pageSizes, staticClosure, type Manifest } from './checkBudget';

// A built site in miniature: the entry imports react; the compare page imports xstate; the 3D view
// (dynamically imported, like Compare) imports three.
const manifest: Manifest = {
  'index.html': { file: 'assets/index.js', imports: ['_react.js'], css: ['assets/index.css'] },
  '_react.js': { file: 'assets/react.js' },
  '_xstate.js': { file: 'assets/xstate.js', imports: ['_react.js'] },
  '_three.js': { file: 'assets/three.js' },
  'src/app/comparePage.tsx': { file: 'assets/compare.js', imports: ['_xstate.js', 'index.html'] },
  'src/scene/Scene3D.tsx': { file: 'assets/scene3d.js', imports: ['_three.js', '_react.js'] },
};

describe('the initial JavaScript budget', () => {
  it('follows static imports only: a page is its chunks and everything they import, once', () => {
    expect([...staticClosure(manifest, ['index.html'])].sort()).toEqual(['_react.js', 'index.html']);
    expect([...staticClosure(manifest, ['index.html', 'src/app/comparePage.tsx'])].sort()).toEqual([
      '_react.js',
      '_xstate.js',
      'index.html',
      'src/app/comparePage.tsx',
    ]);
  });

  it('an unknown chunk is an error naming it, not a page counted as empty', () => {
    expect(() => staticClosure(manifest, ['src/app/gone.tsx'])).toThrow('no entry "src/app/gone.tsx"');
  });

  it('sums the gzip size of exactly the files a page loads', () => {
    const dist = mkdtempSync(join(tmpdir(), 'budget-'));
    const assets = join(dist, 'assets');
    const content: Record<string, string> = {};
    mkdirSync(assets);
    for (const [i, name] of ['index', 'react', 'xstate', 'three', 'compare', 'scene3d'].entries()) {
      content[name] = `export const v${i} = ${JSON.stringify('x'.repeat(1000 * (i + 1)))};`;
      writeFileSync(join(assets, `${name}.js`), content[name]);
    }
    writeFileSync(join(assets, 'index.css'), 'body{}');
    const gz = (n: string) => gzipSync(Buffer.from(content[n]), { level: 9 }).length;
    const compare = pageSizes(dist, manifest, {
      name: 'compare',
      route: '#/compare',
      chunks: ['src/app/comparePage.tsx'],
      budget: 400,
    });
    expect(compare.files).toEqual([
      'assets/compare.js',
      'assets/index.js',
      'assets/react.js',
      'assets/xstate.js',
    ]);
    expect(compare.js.gzip).toBe(gz('compare') + gz('index') + gz('react') + gz('xstate'));
    expect(compare.js.raw).toBe(
      ['compare', 'index', 'react', 'xstate'].reduce((a, n) => a + content[n].length, 0),
    );
    expect(compare.css.raw).toBe('body{}'.length);
    // The one stylesheet of an unsplit build counts for every page.
    writeFileSync(join(assets, 'style.css'), 'p{color:red}');
    const unsplit = { ...manifest, 'style.css': { file: 'assets/style.css' } };
    expect(pageSizes(dist, unsplit, { name: 'home', route: '#/', chunks: [], budget: 400 }).css.raw).toBe(
      'body{}'.length + 'p{color:red}'.length,
    );
    const home = pageSizes(dist, manifest, { name: 'home', route: '#/', chunks: [], budget: 400 });
    expect(home.files).not.toContain('assets/three.js');
  });
});
