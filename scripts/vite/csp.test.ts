import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { headersFile, inlineScriptHashes, POLICIES, policyFor, withPolicy } from './csp';
import { inlineWorkerConstructors } from './inlineWorkers';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const page = (body: string) =>
  `<html><head><meta http-equiv="Content-Security-Policy" content="filled-in-at-build" /></head><body>${body}</body></html>`;

describe('Content-Security-Policy at build time', () => {
  it('hashes each inline script exactly as written, and skips scripts loaded from a file', () => {
    const a = "addEventListener('load', function () {})";
    const b = '\n  var x = "<script>";\n';
    const html = page(
      `<script>${a}</script><script type="module" src="./assets/index.js"></script><script type="module">${b}</script>`,
    );
    expect(inlineScriptHashes(html)).toEqual([sha(a), sha(b)]);
  });

  it('fills the meta tag with the target policy and the hashes', () => {
    const html = withPolicy('file', page('<script>go()</script>'));
    const policy = /content="([^"]*)"/.exec(html)![1];
    expect(policy).toContain(`script-src ${sha('go()')};`);
    expect(policy).toContain('worker-src blob:');
    expect(policy).not.toContain('filled-in-at-build');
  });

  it.each(['served', 'file'] as const)(
    'the %s policy allows no eval, sets base-uri and form-action, and no other origin',
    (t) => {
      const policy = policyFor(t, page(''));
      expect(policy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
      expect(policy).toContain("base-uri 'none'");
      expect(policy).toContain("form-action 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(Object.keys(POLICIES[t])).toContain('worker-src');
    },
  );

  it('a script-src left with no source becomes none, never an empty directive', () => {
    expect(policyFor('file', page(''))).toContain("script-src 'none'");
  });

  it('a page with no policy to fill in fails the build', () => {
    expect(() => withPolicy('served', '<html><head></head></html>')).toThrow(
      'no <meta http-equiv="Content-Security-Policy">',
    );
  });
});

describe('the _headers file for static hosts', () => {
  it('sends the policy as a header, caches hashed assets for good and revalidates the page and the service worker', () => {
    const h = headersFile("default-src 'self'");
    expect(h).toContain("/*\n  Content-Security-Policy: default-src 'self'\n");
    expect(h).toContain('/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n');
    expect(h).toContain('/sw.js\n  Cache-Control: no-cache\n');
    expect(h).toContain('/index.html\n  Cache-Control: no-cache\n');
  });
});

describe('inlining workers for the single file', () => {
  it("rewrites the app's worker construction into Vite's inline-worker import, keeping the options", () => {
    const src = `const spawn = () =>\n  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'meshpath-engine' });`;
    const r = inlineWorkerConstructors(src, 'client.ts');
    expect(r.count).toBe(1);
    expect(r.code).toContain(`import __meshpathInlineWorker0 from "./engine.worker.ts?worker&inline";`);
    expect(r.code).toContain(`new __meshpathInlineWorker0({ type: 'module', name: 'meshpath-engine' })`);
    expect(r.code).not.toContain('new Worker(');
  });

  it('a worker made another way fails the build with a message saying how to write it', () => {
    expect(() => inlineWorkerConstructors('new Worker(url, opts)', 'x.ts')).toThrow(/cannot inline.*new URL/);
  });
});
