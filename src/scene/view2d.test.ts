import { describe, expect, it } from 'vitest';
import { presetScene, SCALE_CASES } from '../test/sceneScale';
import { overlaps, placeLabels, type Rect } from './labelPlacement';
import { labelSize, pathOverlayBox } from './sceneLabels';
import { fitScene2d, labels2d, nodeBox2d, project2d, toPx } from './view2d';

/** Union of rectangles. */
function union(rs: Rect[]): Rect {
  const x0 = Math.min(...rs.map((r) => r.x));
  const y0 = Math.min(...rs.map((r) => r.y));
  const x1 = Math.max(...rs.map((r) => r.x + r.w));
  const y1 = Math.max(...rs.map((r) => r.y + r.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Tolerance for "centred": the drawing's centre within this share of the canvas from the canvas's centre. */
const CENTRED = 0.03;

describe('2D view at every preset', () => {
  it.each(SCALE_CASES)('$preset, $arch, $name: centred, inside, labels apart and every node named', (c) => {
    const s = presetScene(c.preset, c.arch);
    // Fitted as Scene2D fits it: above the band the path overlay takes while a request is followed.
    const band = pathOverlayBox(c.width, c.height).h;
    const fit = fitScene2d(s, c.width, c.height, labelSize('node', 'node').h, band);
    const plan = labels2d(s, fit, c.width, c.height);
    const placed = placeLabels(plan.requests, { view: plan.view, obstacles: plan.obstacles, gap: 2 });
    const labels = placed.flatMap((p) => (p.box ? [p.box] : []));
    // What is drawn: every platform and kernel band (in px), and the labels over them.
    const shapes = s.nodes.flatMap((n) => {
      const b = nodeBox2d(n);
      return [toPx(fit, b.platform), toPx(fit, b.band)];
    });
    const all = union([...shapes, ...labels]);
    expect(Math.abs(all.x + all.w / 2 - c.width / 2) / c.width).toBeLessThan(CENTRED);
    const above = c.height - band;
    expect(Math.abs(all.y + all.h / 2 - above / 2) / c.height).toBeLessThan(CENTRED);
    expect(all.x).toBeGreaterThanOrEqual(0);
    expect(all.y).toBeGreaterThanOrEqual(0);
    expect(all.x + all.w).toBeLessThanOrEqual(c.width + 1e-9);
    expect(all.y + all.h).toBeLessThanOrEqual(above + 1e-9);
    // It fills the room along one side (fitted, not a postage stamp).
    expect(Math.max(all.w / c.width, all.h / above)).toBeGreaterThan(0.85);
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) expect(overlaps(labels[i], labels[j], 2)).toBe(false);
    plan.labels.forEach((l, i) => {
      if (l.kind === 'node') expect(placed[i].box, l.id).not.toBeNull();
      const box = placed[i].box;
      if (!box) return;
      for (const o of plan.obstacles)
        if (o.owner !== plan.requests[i].owner)
          expect(overlaps(o, box), `${l.id} over ${o.owner}`).toBe(false);
    });
  });

  it('with the path overlay shown, no node and no label is under it (pods-400 and nodes-30 at 1024×768)', () => {
    for (const preset of ['pods-400', 'nodes-30'] as const) {
      const s = presetScene(preset, 'sidecar-envoy');
      const path = pathOverlayBox(582, 476);
      const fit = fitScene2d(s, 582, 476, labelSize('node', 'node').h, path.h);
      const plan = labels2d(s, fit, 582, 476);
      // The front row once stood under the overlay, its kernel bands hidden while a request played.
      for (const n of s.nodes) {
        const b = nodeBox2d(n);
        for (const r of [b.platform, b.band])
          expect(overlaps(toPx(fit, r), path), `node ${n.index}`).toBe(false);
      }
      const placed = placeLabels(plan.requests, {
        view: plan.view,
        obstacles: [...plan.obstacles, path],
        gap: 2,
      });
      for (const p of placed) if (p.box) expect(overlaps(p.box, path)).toBe(false);
    }
  });

  it('kernel points fall in the node’s kernel band, platform points on the platform', () => {
    const s = presetScene('pods-400', 'cilium-ebpf' as never);
    const pod = s.pods[0];
    const band = nodeBox2d(s.nodes[pod.node]).band;
    const [, yk] = project2d(s, pod.kernel);
    expect(yk).toBeGreaterThanOrEqual(band.y);
    expect(yk).toBeLessThanOrEqual(band.y + band.h);
    expect(project2d(s, pod.center)).toEqual([pod.center[0], pod.center[2]]);
  });
});
