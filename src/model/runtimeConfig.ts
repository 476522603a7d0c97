// Imported first by every browser entry (the page, the engine worker, the trace worker), before any
// schema parses anything.
import { z } from 'zod';

// No eval: zod otherwise probes `new Function('')` once to decide whether to compile its parsers, and
// under our Content-Security-Policy (no 'unsafe-eval') that probe is reported as a violation on every
// load. Jitless parsing is what the policy allows anyway.
z.config({ jitless: true });

declare global {
  /** Content-Security-Policy violations seen in this scope (page or worker), for the browser tests. */
  var __meshpathCspViolations: string[] | undefined;
}

// A worker's violations are reported to the worker itself, where no test can listen from outside; keep
// them where a test can read them (`worker.evaluate`). The page's are recorded too.
if (typeof globalThis.addEventListener === 'function') {
  globalThis.__meshpathCspViolations = [];
  globalThis.addEventListener('securitypolicyviolation', (e) => {
    const v = e as SecurityPolicyViolationEvent;
    globalThis.__meshpathCspViolations?.push(`${v.effectiveDirective} blocked ${v.blockedURI || '(inline)'}`);
  });
}
