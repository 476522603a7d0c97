// Stands in for `virtual:pwa-register` in the single-file build, which has no service worker (a page
// opened from disk cannot register one).
export function registerSW(): (reload?: boolean) => Promise<void> {
  return async () => undefined;
}
