// The Content-Security-Policy of each build target, written into index.html's <meta http-equiv> at build
// time with a sha256 hash for every inline script (docs/deploy.md gives the header a host should send).
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

export type Target = 'served' | 'file';

/**
 * The policies, directive by directive. Neither allows eval (zod runs jitless, see src/model/zodConfig.ts)
 * nor any request off the page's own origin. `'self'` is meaningless for a page opened from disk, so the
 * single file lists no sources but its own hashes and blob: workers.
 */
export const POLICIES: Record<Target, Record<string, string[]>> = {
  served: {
    'default-src': ["'self'"],
    'script-src': ["'self'", 'INLINE_SCRIPT_HASHES'],
    // The engine and trace workers and the service worker are same-origin files.
    'worker-src': ["'self'"],
    // React and the scene set style attributes; no inline <style> is needed otherwise.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  },
  file: {
    'default-src': ["'none'"],
    'script-src': ['INLINE_SCRIPT_HASHES'],
    // The workers' code is inside the page and starts from blob: URLs.
    'worker-src': ['blob:'],
    'style-src': ["'unsafe-inline'"],
    'img-src': ['data:'],
    'connect-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  },
};

const SCRIPT_RE = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** sha256 hashes (CSP source form) of every inline script in the page, in order. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(SCRIPT_RE)) {
    if (/\bsrc\s*=/.test(m[1])) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The target's policy as one header value, with the page's inline-script hashes in place. */
export function policyFor(target: Target, html: string): string {
  const hashes = inlineScriptHashes(html);
  return Object.entries(POLICIES[target])
    .map(([name, sources]) => {
      const list = sources.flatMap((s) => (s === 'INLINE_SCRIPT_HASHES' ? hashes : [s]));
      return `${name} ${list.length ? list.join(' ') : "'none'"}`;
    })
    .join('; ');
}

const META_RE = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/i;

/** The page with its CSP meta filled in (it must have one, so a page can never ship without a policy). */
export function withPolicy(target: Target, html: string): string {
  if (!META_RE.test(html))
    throw new Error('index.html has no <meta http-equiv="Content-Security-Policy"> to fill in');
  const policy = policyFor(target, html);
  return html.replace(META_RE, `<meta http-equiv="Content-Security-Policy" content="${policy}" />`);
}

/**
 * Fills in the policy of each built HTML page once everything is inlined (after vite-plugin-singlefile,
 * so it must come after it in the plugin list). The dev server gets no policy: its hot reload injects
 * scripts of its own.
 */
/**
 * Headers for hosts that read a `_headers` file (Netlify, Cloudflare Pages; docs/deploy.md gives the same
 * for others): the policy as a header, where it also covers the service worker, and caching: hashed
 * assets forever, the page and the service worker always revalidated.
 */
export function headersFile(policy: string): string {
  return [
    '/*',
    `  Content-Security-Policy: ${policy}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '/assets/*',
    '  Cache-Control: public, max-age=31536000, immutable',
    '/index.html',
    '  Cache-Control: no-cache',
    '/',
    '  Cache-Control: no-cache',
    '/sw.js',
    '  Cache-Control: no-cache',
    '',
  ].join('\n');
}

export function contentSecurityPolicy(target: Target): Plugin {
  return {
    name: 'meshpath:csp',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return ctx.server ? html.replace(META_RE, '') : html;
      },
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
          file.source = withPolicy(target, String(file.source));
          if (target === 'served' && file.fileName === 'index.html')
            this.emitFile({
              type: 'asset',
              fileName: '_headers',
              source: headersFile(policyFor(target, String(file.source))),
            });
        }
      },
    },
  };
}
