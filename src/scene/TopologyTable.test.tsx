// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { traceFixture } from '../test/traceFixture';
import { SceneView } from './SceneView';

afterEach(cleanup);

describe('Show as: Table', () => {
  it('swaps the picture for the topology tables and back, without WebGL', () => {
    const { layout, buffer, actor } = traceFixture('ambient');
    render(<SceneView layout={layout} buffer={buffer} actor={actor} selection={null} onSelect={() => {}} />);
    const table = screen.getByRole('button', { name: 'Table' });
    const picture = screen.getByRole('button', { name: '2D picture' });
    expect(picture).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByTestId('topology-table')).toBeNull();
    fireEvent.click(table);
    expect(table).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('scene')).toHaveAttribute('data-shown', 'table');
    // The picture, its notice and its legend are gone; the tables say the same topology.
    expect(screen.queryByTestId('scene-2d')).toBeNull();
    expect(screen.queryByTestId('no-webgl')).toBeNull();
    expect(screen.queryByTestId('legend')).toBeNull();
    const nodes = screen.getByTestId('topology-nodes');
    expect(
      within(nodes)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Pod', 'Role', 'Containers and components']);
    const groups = within(nodes)
      .getAllByRole('rowheader')
      .filter((h) => h.getAttribute('scope') === 'rowgroup');
    expect(groups.map((g) => g.textContent)).toEqual([
      'node 0 · 4 cores · node proxy: ztunnel · kernel hooks in use: netfilter (iptables/nftables chains)',
      'node 1 · 4 cores · node proxy: ztunnel · kernel hooks in use: netfilter (iptables/nftables chains)',
    ]);
    expect(within(nodes).getByRole('rowheader', { name: 'server-0' }).closest('tr')).toHaveTextContent(
      'server-0service serverapp container',
    );
    expect(screen.getByTestId('topology-route-empty')).toHaveTextContent('No request is in flight');
    fireEvent.click(picture);
    expect(screen.getByTestId('scene-2d')).toBeInTheDocument();
    expect(screen.queryByTestId('topology-table')).toBeNull();
  });

  it('follows the page’s choice when the page holds it', () => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy', 1);
    const onShownAs = vi.fn();
    render(
      <SceneView
        layout={layout}
        buffer={buffer}
        actor={actor}
        selection={null}
        onSelect={() => {}}
        shownAs="table"
        onShownAs={onShownAs}
      />,
    );
    expect(screen.getByTestId('topology-table')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '2D picture' }));
    expect(onShownAs).toHaveBeenCalledWith('picture');
    // Held by the page: nothing changes until the page says so.
    expect(screen.getByTestId('topology-table')).toBeInTheDocument();
  });

  it('lists the followed request hop by hop once a step puts one in flight, the current hop marked', async () => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy');
    render(
      <SceneView
        layout={layout}
        buffer={buffer}
        actor={actor}
        selection={null}
        onSelect={() => {}}
        shownAs="table"
      />,
    );
    act(() => actor.send({ type: 'STEP' }));
    const route = await screen.findByTestId('topology-route');
    const rows = within(route).getAllByRole('row').slice(1);
    expect(rows.length).toBe(buffer.requestEvents(buffer.events[0].request).length);
    const current = rows.filter((r) => r.getAttribute('aria-current') === 'step');
    expect(current.length).toBe(1);
    expect(current[0]).toHaveTextContent('write() the request');
    expect(
      within(route)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['#', 'Hop', 'Leg', 'Node', 'Component', 'Mean cost', 'Standing and sources']);
    // Each cited source opens its entry on the Sources page.
    const links = within(current[0]).getAllByRole('link');
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) expect(a.getAttribute('href')).toBe(`#/sources/citation/${a.textContent}`);
  });
});

describe('narration for screen readers', () => {
  it('says a stepped-to hop at once, is silent when turned off, and speaks again when turned on', async () => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy');
    render(<SceneView layout={layout} buffer={buffer} actor={actor} selection={null} onSelect={() => {}} />);
    const region = screen.getByTestId('narration');
    expect(region).toHaveAttribute('role', 'status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('');
    act(() => actor.send({ type: 'STEP' }));
    const first = buffer.events[0];
    await waitFor(() =>
      expect(region.textContent).toMatch(
        new RegExp(
          `^Request ${first.request}, request leg: Send syscall .* on node 0 — write\\(\\) the request`,
        ),
      ),
    );
    const box = screen.getByRole('checkbox', { name: 'Narrate for screen readers' });
    expect(box).toBeChecked();
    fireEvent.click(box);
    expect(region).toHaveTextContent('');
    act(() => actor.send({ type: 'STEP' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(region).toHaveTextContent('');
    fireEvent.click(box);
    await waitFor(() => expect(region.textContent).toMatch(/^Request \d+, /));
  });

  it('is not offered where the page turns it off (several panes at once)', () => {
    const { layout, buffer, actor } = traceFixture('sidecar-envoy', 1);
    render(
      <SceneView
        layout={layout}
        buffer={buffer}
        actor={actor}
        selection={null}
        onSelect={() => {}}
        narration={false}
      />,
    );
    expect(screen.queryByTestId('narration')).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Narrate for screen readers' })).toBeNull();
  });
});
