// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useStickyBarMargin } from './stickyBar';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Page() {
  useStickyBarMargin('.bar', []);
  return <div className="bar">bar</div>;
}

describe('useStickyBarMargin', () => {
  it('takes the bar’s height from the observer’s report, never by forcing a layout while mounting', () => {
    let report: ResizeObserverCallback | null = null;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(cb: ResizeObserverCallback) {
          report = cb;
        }
        observe() {}
        disconnect() {}
      },
    );
    const measured = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect');
    render(<Page />);
    expect(measured).not.toHaveBeenCalled();
    const entry = { borderBoxSize: [{ blockSize: 41.2, inlineSize: 800 }] } as unknown as ResizeObserverEntry;
    report!([entry], {} as ResizeObserver);
    expect(document.documentElement.style.getPropertyValue('--sim-bar-height')).toBe('42px');
    expect(measured).not.toHaveBeenCalled();
    cleanup();
    expect(document.documentElement.style.getPropertyValue('--sim-bar-height')).toBe('');
    measured.mockRestore();
  });

  it('measures once where there is no ResizeObserver', () => {
    vi.stubGlobal('ResizeObserver', undefined);
    const measured = vi
      .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
      .mockReturnValue({ height: 30 } as DOMRect);
    render(<Page />);
    expect(measured).toHaveBeenCalledTimes(1);
    expect(document.documentElement.style.getPropertyValue('--sim-bar-height')).toBe('30px');
    measured.mockRestore();
  });
});
