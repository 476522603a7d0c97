// jest-dom matchers for the UI tests that opt into jsdom; harmless in node tests.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';
import { afterEach } from 'vitest';

// waitFor and findBy* poll for 1 s by default: enough on an idle machine, not always on two cores shared
// with the browser tests. A longer wait changes no assertion; a wrong page still fails, only later.
configure({ asyncUtilTimeout: 5000 });

// A worker keeps one jsdom document from file to file (isolate: false), and testing-library unmounts by
// itself only with vitest's globals on: without this, a file that does not clean up leaves its page in
// the document and the next file's queries find two ("multiple elements"), depending on the order. Each
// file also starts from an empty page (a root never unmounted, an attribute left on <html>).
if (typeof document !== 'undefined') {
  document.body.innerHTML = '';
  for (const el of [document.documentElement, document.body])
    for (const a of [...el.attributes]) if (a.name !== 'lang') el.removeAttribute(a.name);
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
}
