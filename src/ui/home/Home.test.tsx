// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Home } from '../Home';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const motion = (reduce: boolean) =>
  vi.stubGlobal('matchMedia', (q: string) => ({ matches: reduce && q.includes('reduce'), media: q }));

describe('home page', () => {
  it('leads with "Start the course", then the three paths side by side', () => {
    motion(false);
    render(<Home />);
    const main = screen.getByRole('main');
    const links = within(main).getAllByRole('link');
    expect(links[0].textContent).toBe('Start the course');
    expect(links[0].getAttribute('href')).toBe('#/lessons');
    const svg = screen.getByTestId('home-paths');
    expect([...svg.querySelectorAll('[data-lane]')].map((g) => g.getAttribute('data-lane'))).toEqual([
      'library',
      'sidecar',
      'ebpf',
    ]);
    expect(svg.getAttribute('aria-label')).toMatch(/Sidecar proxy \(Istio, Envoy\): app, iptables, Envoy/);
    expect(svg.querySelectorAll('animateTransform')).toHaveLength(3);
    // The packets move one stop per beat: the library's arrives when the sidecar's is four stops short.
    const arrive = [...svg.querySelectorAll('animateTransform')].map((a) =>
      Number(a.getAttribute('keyTimes')!.split(';')[1]),
    );
    expect(arrive[0]).toBeCloseTo(arrive[2], 10);
    expect(arrive[0] / arrive[1]).toBeCloseTo(4 / 8, 10);
    expect(within(main).getByRole('link', { name: 'packet walks §10' }).getAttribute('href')).toBe(
      '#/sources/packet-walks/10',
    );
    const pause = within(main).getByRole('button', { name: 'Pause the animation' });
    fireEvent.click(pause);
    expect(
      within(main).getByRole('button', { name: 'Play the animation' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('stands still for a reader who asks for reduced motion', () => {
    motion(true);
    render(<Home />);
    expect(screen.getByTestId('home-paths').querySelectorAll('animateTransform')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /animation/ })).toBeNull();
  });
});
