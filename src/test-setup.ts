// jest-dom matchers for the UI tests that opt into jsdom; harmless in node tests.
import '@testing-library/jest-dom/vitest';
