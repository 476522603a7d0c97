// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { traceFixture } from '../test/traceFixture';
import { MemorySection } from './compare/MemorySection';
import { PanelBoundary, withPanelBoundary } from './PanelBoundary';
import { SimulatePage, type SimulatePageProps } from './simulate/SimulatePage';

afterEach(cleanup);
// React reports each caught error on the console; the boundary's own message is what is tested.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

function Boom({ message = 'scene exploded' }: { message?: string }): never {
  throw new Error(message);
}

const rows = () => screen.getByRole('region', { name: 'Hop events' }).querySelectorAll('tbody tr');

describe('panel error boundaries', () => {
  it('a throwing picture says so in its own box while the controls, event list and inspector keep working', () => {
    const f = traceFixture();
    const onSelect = vi.fn();
    const props: SimulatePageProps = {
      presets: [{ id: 'one-request-slowly', name: 'One request, slowly' }],
      architectures: [{ id: 'sidecar-envoy', name: 'Istio sidecar (Envoy)' }],
      presetId: 'one-request-slowly',
      arch: 'sidecar-envoy',
      view: 'trace',
      onPreset: () => {},
      onArch: () => {},
      onView: () => {},
      session: { status: 'ready', layout: f.layout, buffer: f.buffer, actor: f.actor },
      lastLayout: null,
      change: null,
      scene: <Boom />,
      catalogs: f.catalogs,
      selection: null,
      onSelect,
      fetchState: async () => null,
      fetchRequest: async (seq) => f.buffer.requestEvents(seq),
    };
    const { container } = render(<SimulatePage {...props} />);
    const stage = container.querySelector('.sim-stage') as HTMLElement;
    expect(within(stage).getByRole('alert')).toHaveTextContent(
      'The picture could not be shown: scene exploded. The rest of the page still works.',
    );
    // Only that box: one panel error on the page, and the rest responds.
    expect(screen.getAllByTestId('panel-error')).toHaveLength(1);
    expect(screen.getByTestId('inspector')).toBeInTheDocument();
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(rows()).toHaveLength(2);
    expect(f.actor.getSnapshot().context.t).toBeGreaterThan(0);
  });

  it('a Compare section that throws shows its message in its box; its neighbour still renders', () => {
    render(
      <>
        {/* A footprint without its fields: the section cannot draw it. */}
        <MemorySection figures={[{ id: 'x', estimate: { footprint: {} } } as never]} onSelect={() => {}} />
        <p data-testid="neighbour">still here</p>
      </>,
    );
    expect(screen.getByTestId('panel-error')).toHaveTextContent('The memory section could not be shown:');
    expect(screen.getByTestId('neighbour')).toHaveTextContent('still here');
  });

  it('clears itself when the panel gets new props, and on Try again', () => {
    let fail = true;
    function Flaky({ n }: { n: number }) {
      if (fail) throw new Error(`bad ${n}`);
      return <p>fine {n}</p>;
    }
    const Guarded = withPanelBoundary('flaky panel', Flaky);
    const { rerender } = render(<Guarded n={1} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The flaky panel could not be shown: bad 1.');
    rerender(<Guarded n={2} />);
    expect(screen.getByRole('alert')).toHaveTextContent('bad 2'); // new props, a new try: still failing
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('fine 2')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('bounds a runaway message', () => {
    render(
      <PanelBoundary name="event list">
        <Boom message={'x'.repeat(5_000)} />
      </PanelBoundary>,
    );
    expect((screen.getByRole('alert').textContent ?? '').length).toBeLessThan(600);
  });
});
