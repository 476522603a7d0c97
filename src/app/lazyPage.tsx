// Pages other than Home arrive as separate chunks (the initial JavaScript budget, scripts/checkBudget.mjs):
// each is downloaded on first visit, or earlier when a link to it is hovered or the browser is idle.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface LazyPage<P> {
  Component: LazyExoticComponent<ComponentType<P>>;
  /** Starts the download (once); a failed download may be tried again later. */
  preload: () => Promise<unknown>;
}

/**
 * A page component loaded by `load`. A download that fails (offline before the chunk was cached, or a
 * new version deployed that no longer has it) renders a message saying so, with a Reload button (React keeps
 * a lazy component's outcome, so only a reload tries it again); `preload` forgets a failure.
 */
export function lazyPage<P extends object>(
  title: string,
  load: () => Promise<ComponentType<P>>,
): LazyPage<P> {
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    pending ??= load().catch((e: unknown) => {
      pending = null;
      throw e;
    });
    return pending;
  };
  const Component = lazy<ComponentType<P>>(() =>
    preload().then(
      (C) => ({ default: C }),
      (e: unknown) => ({ default: () => <PageLoadFailed title={title} error={e} /> }),
    ),
  );
  return { Component, preload };
}

export function PageLoadFailed({ title, error }: { title: string; error: unknown }) {
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <main>
      <h1>{title}</h1>
      <p role="alert" data-testid="page-load-failed">
        This page could not be downloaded ({detail.slice(0, 200)}). Check the connection and reload; once a
        visit has completed, meshpath works offline.
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </main>
  );
}

/** What shows while a page's chunk arrives. */
export function PageLoading({ title }: { title: string }) {
  return (
    <main aria-busy="true">
      <p role="status" className="page-loading" data-testid="page-loading">
        Loading {title}…
      </p>
    </main>
  );
}
