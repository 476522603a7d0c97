// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Home } from '../Home';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  delete (Element.prototype as Partial<Element>).animate;
});

/** jsdom has no Web Animations: record what the figure asks for. */
function recordAnimations() {
  const made: {
    lane: string | null;
    keyframes: Keyframe[];
    options: KeyframeAnimationOptions;
    paused: boolean;
  }[] = [];
  Element.prototype.animate = function (this: Element, keyframes, options) {
    const rec = {
      lane: this.getAttribute('data-lane-packet'),
      keyframes: keyframes as Keyframe[],
      options: options as KeyframeAnimationOptions,
      paused: false,
    };
    made.push(rec);
    return {
      pause: () => (rec.paused = true),
      play: () => (rec.paused = false),
      cancel: () => undefined,
    } as unknown as Animation;
  };
  return made;
}

const motion = (reduce: boolean) =>
  vi.stubGlobal('matchMedia', (q: string) => ({ matches: reduce && q.includes('reduce'), media: q }));

describe('home page', () => {
  it('leads with "Start the course", then the three paths side by side', () => {
    motion(false);
    const made = recordAnimations();
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
    expect(made.map((m) => m.lane)).toEqual(['library', 'sidecar', 'ebpf']);
    expect(made.every((m) => m.options.iterations === Infinity && m.options.duration === 9000)).toBe(true);
    // The packets move one stop per beat: the library's arrives when the sidecar's is four stops short.
    const arrive = made.map((m) => m.keyframes[1].offset as number);
    expect(arrive[0]).toBeCloseTo(arrive[2], 10);
    expect(arrive[0] / arrive[1]).toBeCloseTo(4 / 8, 10);
    // ...and travels as far as its lane is long: the sidecar's eight stops, the others' four.
    const dist = made.map((m) => Number(/translate\((\d+)px/.exec(String(m.keyframes[1].transform))![1]));
    expect(dist[1] / dist[0]).toBeCloseTo(2, 10);
    expect(made.map((m) => m.keyframes[2].transform)).toEqual(made.map((m) => m.keyframes[1].transform));
    expect(within(main).getByRole('link', { name: 'packet walks §10' }).getAttribute('href')).toBe(
      '#/sources/packet-walks/10',
    );
    const pause = within(main).getByRole('button', { name: 'Pause the animation' });
    fireEvent.click(pause);
    expect(made.map((m) => m.paused)).toEqual([true, true, true]);
    expect(
      within(main).getByRole('button', { name: 'Play the animation' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('stands still for a reader who asks for reduced motion', () => {
    motion(true);
    const made = recordAnimations();
    render(<Home />);
    expect(made).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /animation/ })).toBeNull();
  });
});
