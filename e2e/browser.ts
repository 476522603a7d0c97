import { chromium } from 'playwright-core';
import { inject } from 'vitest';

/**
 * The Chromium that e2e/global-setup.ts launched for the whole run. Closing what this returns closes
 * only this file's contexts and pages; the browser stays for the other files.
 */
export const connectChromium = () => chromium.connect(inject('chromiumEndpoint'));
