// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyPage, PageLoading } from './lazyPage';

afterEach(cleanup);

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('lazily loaded pages', () => {
  it('shows the loading state while the chunk arrives, then the page', async () => {
    const chunk = deferred<(p: { who: string }) => React.JSX.Element>();
    const page = lazyPage('Compare', () => chunk.promise);
    render(
      <Suspense fallback={<PageLoading title="Compare" />}>
        <page.Component who="you" />
      </Suspense>,
    );
    expect(screen.getByTestId('page-loading')).toHaveTextContent('Loading Compare…');
    chunk.resolve(({ who }) => <p>hello {who}</p>);
    expect(await screen.findByText('hello you')).toBeInTheDocument();
    expect(screen.queryByTestId('page-loading')).toBeNull();
  });

  it('a chunk that cannot be downloaded says so with a Reload button, never a blank page', async () => {
    const page = lazyPage('Simulate', () =>
      Promise.reject(new Error('Failed to fetch dynamically imported module')),
    );
    render(
      <Suspense fallback={<PageLoading title="Simulate" />}>
        <page.Component />
      </Suspense>,
    );
    const alert = await screen.findByTestId('page-load-failed');
    expect(alert).toHaveTextContent('could not be downloaded (Failed to fetch dynamically imported module)');
    expect(screen.getByRole('heading', { name: 'Simulate' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });

  it('preload downloads once, and tries again after a failure', async () => {
    const load = vi
      .fn<() => Promise<() => null>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue(() => null);
    const page = lazyPage('Lessons', load);
    await expect(page.preload()).rejects.toThrow('offline');
    await page.preload();
    await page.preload();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
