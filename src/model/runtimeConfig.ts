// Imported first by every browser entry (the page, the engine worker, the trace worker), before any
// schema parses anything. Importing ./zod sets zod's jitless mode (no eval under the security policy);
// every schema module imports it too, so the setting precedes any schema whatever order chunks load in.
import './zod';

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
