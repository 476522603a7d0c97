// jest-dom matchers for the UI tests that opt into jsdom; harmless in node tests.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';

// waitFor and findBy* poll for 1 s by default: enough on an idle machine, not always on two cores shared
// with the browser tests. A longer wait changes no assertion; a wrong page still fails, only later.
configure({ asyncUtilTimeout: 5000 });
