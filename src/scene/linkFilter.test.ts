import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../machines/simulate/buffer';
import type { LayoutHop, LayoutLink, TraceLayout } from '../worker/trace/protocol';
import {
  defaultLinkFilter,
  filterLinks,
  hopLinks,
  linkEmphasis,
  markActiveLinks,
  MANY_LINKS,
  selectedNode,
  type EventSource,
} from './linkFilter';

// Three links among four nodes; hops 1 and 3 are wires (1 crosses 0↔2, 3 crosses 3↔1), hop 2 a wire inside node 1.
const links: LayoutLink[] = [
  { a: 0, b: 1, protection: 'mtls' },
  { a: 0, b: 2, protection: 'node' },
  { a: 1, b: 3, protection: 'plain' },
];
const hop = (node: number, wire: [number, number] | null): LayoutHop =>
  ({ node, wire }) as unknown as LayoutHop;
const hops = [hop(0, null), hop(0, [0, 2]), hop(1, [1, 1]), hop(3, [3, 1])];

function source(list: { hop: number; enter: number; leave: number }[]): EventSource {
  const events = list
    .map(
      (e, i) =>
        ({
          ...e,
          request: i,
          queueWait: 0,
          service: e.leave - e.enter,
          outcome: 'forwarded',
          key: String(i),
        }) as TraceEvent,
    )
    .sort((x, y) => x.enter - y.enter);
  return {
    events,
    maxDuration: Math.max(0, ...events.map((e) => e.leave - e.enter)),
    countUpTo: (t) => events.filter((e) => e.enter <= t).length,
  };
}

describe('link filter', () => {
  it('starts with every link at a few nodes and with the busy ones at many', () => {
    expect(defaultLinkFilter(2)).toBe('all');
    expect(defaultLinkFilter(8)).toBe('all');
    expect(defaultLinkFilter(10)).toBe('traffic');
    expect(defaultLinkFilter(30)).toBe('traffic');
  });

  it('maps each wire hop to the link it crosses, in either direction; other hops to -1', () => {
    expect([...hopLinks(hops, links)]).toEqual([-1, 1, -1, 2]);
  });

  it('marks links with a hop in flight, or ended within the hold, and nothing else', () => {
    const map = hopLinks(hops, links);
    const out = new Uint8Array(links.length);
    const s = source([
      { hop: 1, enter: 100, leave: 150 }, // 0↔2
      { hop: 3, enter: 300, leave: 320 }, // 3↔1
      { hop: 0, enter: 120, leave: 400 }, // not a link
    ]);
    expect(markActiveLinks(s, 50, 0, map, out)).toBe(0);
    expect(markActiveLinks(s, 120, 0, map, out)).toBe(1);
    expect([...out]).toEqual([0, 1, 0]);
    // after the hop left: gone without a hold, kept with a hold that reaches back to it
    expect(markActiveLinks(s, 200, 0, map, out)).toBe(0);
    expect(markActiveLinks(s, 200, 60, map, out)).toBe(1);
    expect(markActiveLinks(s, 310, 200, map, out)).toBe(2);
    expect([...out]).toEqual([0, 1, 1]);
    // a hop that has not started yet does not count
    expect(markActiveLinks(s, 299, 0, map, out)).toBe(0);
  });

  it('filters: all, carrying traffic, or of the selected node (none when nothing is selected)', () => {
    const shown = new Uint8Array(links.length);
    const active = Uint8Array.from([0, 1, 0]);
    expect(filterLinks('all', links, active, null, shown)).toBe(3);
    expect(filterLinks('traffic', links, active, null, shown)).toBe(1);
    expect([...shown]).toEqual([0, 1, 0]);
    expect(filterLinks('selected', links, active, 1, shown)).toBe(2);
    expect([...shown]).toEqual([1, 0, 1]);
    expect(filterLinks('selected', links, active, 2, shown)).toBe(1);
    expect(filterLinks('selected', links, active, null, shown)).toBe(0);
  });

  it('finds the node of a selection', () => {
    const layout = {
      pods: [{ id: 'a', node: 2 }],
      stations: [{ node: 3 }],
      hops: [hop(1, null)],
    } as unknown as TraceLayout;
    expect(selectedNode(null, layout)).toBeNull();
    expect(selectedNode({ kind: 'node', index: 4 }, layout)).toBe(4);
    expect(selectedNode({ kind: 'pod', id: 'a' }, layout)).toBe(2);
    expect(selectedNode({ kind: 'pod', id: 'missing' }, layout)).toBeNull();
    expect(selectedNode({ kind: 'station', index: 0 }, layout)).toBe(3);
    expect(selectedNode({ kind: 'event', event: { hop: 0 } as TraceEvent }, layout)).toBe(1);
  });

  it('fades links once more than MANY_LINKS are drawn', () => {
    expect(linkEmphasis(MANY_LINKS)).toEqual({ opacity: 1, width: 1 });
    expect(linkEmphasis(MANY_LINKS + 1).opacity).toBeLessThan(0.5);
  });
});
