// jest-dom matchers for the UI tests that opt into jsdom; harmless in node tests.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';

// waitFor and findBy* poll for 1 s by default: enough on an idle machine, not always on two cores shared
// with the browser tests. A longer wait changes no assertion; a wrong page still fails, only later.
configure({ asyncUtilTimeout: 5000 });

// Unit files share a worker's jsdom while modules stay loaded (isolate: false), so a page a file leaves
// behind (a root never unmounted, an attribute on <html>) would be found by the next file's queries:
// each file starts from an empty page.
if (typeof document !== 'undefined') {
  document.body.innerHTML = '';
  for (const el of [document.documentElement, document.body])
    for (const a of [...el.attributes]) if (a.name !== 'lang') el.removeAttribute(a.name);
}
