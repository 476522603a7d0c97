import { describe, expect, it } from 'vitest';
import { CANVASES, DESIGNS, overviewView, presetScene, SCALE_CASES } from '../test/sceneScale';
import { overlaps, placeLabels, type Rect } from './labelPlacement';
import { nodeDetail } from './lod';
import { labels3d, LABEL_PX, pathOverlayBox } from './sceneLabels';

/** The 3D overview's labels for a case, placed as the view places them. */
function place3d(
  preset: (typeof SCALE_CASES)[number]['preset'],
  arch: string,
  w: number,
  h: number,
  path = false,
) {
  const s = presetScene(preset, arch);
  const view = overviewView(s, w, h);
  const plan = labels3d(s, nodeDetail(s, view, null), view, {
    obstacles: path ? [pathOverlayBox(w, h)] : [],
  });
  const placed = placeLabels(plan.requests, { view: plan.view, obstacles: plan.obstacles, gap: 2 });
  return { s, plan, placed };
}

function apart(boxes: Rect[]): string | null {
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (overlaps(boxes[i], boxes[j], 2)) return `${JSON.stringify(boxes[i])} × ${JSON.stringify(boxes[j])}`;
  return null;
}

describe('3D labels at every preset, from the overview', () => {
  it.each(SCALE_CASES)('$preset, $arch, $name: no two labels overlap, all inside, every node named', (c) => {
    const { plan, placed } = place3d(c.preset, c.arch, c.width, c.height);
    const shown = placed.flatMap((p) => (p.box ? [p.box] : []));
    expect(apart(shown)).toBeNull();
    for (const b of shown) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(c.width);
      expect(b.y + b.h).toBeLessThanOrEqual(c.height);
    }
    // Every node's name is shown, at ≥ 12 px, and none lies over another node (its platform or kernel).
    plan.labels.forEach((l, i) => {
      expect(l.fontPx).toBeGreaterThanOrEqual(12);
      const box = placed[i].box;
      if (l.kind === 'node') expect(box, l.id).not.toBeNull();
      if (!box) return;
      const owner = plan.requests[i].owner;
      for (const o of plan.obstacles)
        if (o.owner !== owner) expect(overlaps(o, box), `${l.id} over ${o.owner}`).toBe(false);
    });
  });

  it.each(CANVASES)('with the path overlay shown ($name), no label is under it', (c) => {
    for (const preset of ['pods-400', 'nodes-30', 'fan-out-under-load'] as const) {
      const { placed } = place3d(preset, 'sidecar-envoy', c.width, c.height, true);
      const shown = placed.flatMap((p) => (p.box ? [p.box] : []));
      expect(apart(shown)).toBeNull();
      const path = pathOverlayBox(c.width, c.height);
      for (const b of shown) expect(overlaps(b, path)).toBe(false);
    }
  });

  it.each(SCALE_CASES)('$preset, $arch, $name: names of two rows never share the gap between them', (c) => {
    // Names that alternated above and below their nodes left two rows' names in one gap, with nothing
    // to say which box each belongs to. Between any two names one over the other there must stand a
    // node (its platform or kernel face), unless both name nodes of one row (a staggered row). A name
    // drawn over its own node's platform (the last fallback) is read as that node's wherever it is.
    const { s, plan, placed } = place3d(c.preset, c.arch, c.width, c.height);
    const nodes = plan.obstacles.filter((o) => o.owner?.startsWith('node:'));
    const platform = (owner: string) => nodes.find((o) => o.owner === owner)!; // nodeFaces: platform first
    const names = plan.labels.flatMap((l, i) => {
      const box = placed[i].box;
      if (l.kind !== 'node' || !box || overlaps(platform(l.id), box)) return [];
      return [{ box, row: s.nodes[Number(l.id.split(':')[1])].center[2] }];
    });
    const across = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w;
    for (const { box: a, row: ra } of names)
      for (const { box: b, row: rb } of names) {
        if (ra === rb || !across(a, b) || b.y < a.y + a.h) continue;
        const between = nodes.some((o) => {
          const mid = o.y + o.h / 2;
          return mid > a.y + a.h && mid < b.y && (across(o, a) || across(o, b));
        });
        expect(between, `${JSON.stringify(a)} over ${JSON.stringify(b)}`).toBe(true);
      }
  });

  it.each(CANVASES)(
    'pods-400 and nodes-30 ($name): names stand in one place relative to their nodes',
    (c) => {
      for (const arch of DESIGNS) {
        // pods-400: every name under its node; nodes-30: all but those in the back row, where the
        // names are wider than the nodes are apart and the greedy fallback staggers them.
        const share = (preset: 'pods-400' | 'nodes-30') => {
          const { plan, placed } = place3d(preset, arch, c.width, c.height);
          const choices = plan.labels.flatMap((l, i) => (l.kind === 'node' ? [placed[i].choice] : []));
          const most = Math.max(...choices.map((x) => choices.filter((y) => y === x).length));
          return most / choices.length;
        };
        expect(share('pods-400')).toBe(1);
        expect(share('nodes-30')).toBeGreaterThanOrEqual(0.8);
      }
    },
  );

  it.each(CANVASES)(
    'large-mesh ($name): where not every name fits, every k-th node is named, all in one place',
    (c) => {
      // 100 nodes: the far rows' names are wider than the nodes are apart. Staggering left some unnamed
      // wherever the crowd fell, the rest on one side or the other; now every k-th is named (as an axis
      // labels every k-th tick), and each shown name stands in the same place relative to its node.
      const { s, plan, placed } = place3d('large-mesh', 'sidecar-envoy', c.width, c.height);
      const names = plan.labels.flatMap((l, i) => (l.kind === 'node' ? [{ i, ...placed[i] }] : []));
      const shown = names.filter((n) => n.box);
      expect(new Set(shown.map((n) => n.choice)).size).toBe(1);
      expect(shown.length).toBeGreaterThanOrEqual(s.nodes.length * 0.4);
      expect(apart(shown.map((n) => n.box!))).toBeNull();
      // In the row farthest back, the names shown are every k-th: node 0, k, 2k, … (one may be
      // missing where its place is over another node).
      const row0 = names.slice(0, 10).flatMap((n, col) => (n.box ? [col] : []));
      const k = row0[1] - row0[0];
      expect(row0[0]).toBe(0);
      expect(row0.filter((col) => col % k !== 0)).toEqual([]);
      expect(row0.length).toBeGreaterThanOrEqual(Math.ceil(10 / k) - 1);
    },
  );

  it.each(CANVASES)(
    '($name) the overview stands above the path overlay: no node under it, no label moving when it appears',
    (c) => {
      // The overlay covered the front row once a request played, and the labels near it moved away.
      for (const preset of ['pods-400', 'nodes-30', 'fan-out-under-load', 'istio-benchmark'] as const) {
        const shown = place3d(preset, 'sidecar-envoy', c.width, c.height, true);
        const hidden = place3d(preset, 'sidecar-envoy', c.width, c.height, false);
        expect(shown.placed, preset).toEqual(hidden.placed);
        const band = pathOverlayBox(c.width, c.height);
        for (const o of shown.plan.obstacles.filter((o) => o.owner?.startsWith('node:')))
          expect(o.y + o.h, `${preset} ${o.owner}`).toBeLessThanOrEqual(band.y + 1e-6);
      }
    },
  );

  it('pods-400: each node is named and its pod count shown on its block', () => {
    const { plan, placed } = place3d('pods-400', 'sidecar-envoy', 798, 496);
    const shown = (kind: string) => plan.labels.filter((l, i) => l.kind === kind && placed[i].box).length;
    expect(shown('node')).toBe(20);
    expect(shown('count')).toBe(20);
    expect(plan.labels.find((l) => l.id === 'count:3')?.text).toBe('20 pods');
    expect(LABEL_PX.node).toBeGreaterThanOrEqual(12);
  });
});
