import { describe, expect, it } from 'vitest';
import {
  centredBox,
  labelBoxWidth,
  overlaps,
  placeLabels,
  type LabelRequest,
  type Rect,
} from './labelPlacement';

const VIEW: Rect = { x: 0, y: 0, w: 800, h: 500 };
const box = (x: number, y: number, w = 50, h = 18): Rect => ({ x, y, w, h });

/** No two shown boxes overlap (with the gap kept). */
function assertApart(boxes: readonly Rect[], gap = 0): void {
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      expect(
        overlaps(boxes[i], boxes[j], gap),
        `${JSON.stringify(boxes[i])} ${JSON.stringify(boxes[j])}`,
      ).toBe(false);
}

describe('label placement', () => {
  it('places labels that do not touch where they asked to be', () => {
    const r = placeLabels(
      [
        { id: 'a', priority: 1, candidates: [box(10, 10)] },
        { id: 'b', priority: 1, candidates: [box(100, 10)] },
      ],
      { view: VIEW },
    );
    expect(r.map((p) => p.choice)).toEqual([0, 0]);
    expect(r[1].box).toEqual(box(100, 10));
  });

  it('the higher priority wins a conflict; the other takes its next candidate, or is hidden', () => {
    const labels: LabelRequest[] = [
      { id: 'pod', priority: 1, candidates: [box(10, 10), box(10, 40)] },
      { id: 'node', priority: 3, candidates: [box(30, 15)] },
      { id: 'badge', priority: 2, candidates: [box(20, 12)] },
    ];
    const r = placeLabels(labels, { view: VIEW });
    expect(r.find((p) => p.id === 'node')!.choice).toBe(0);
    expect(r.find((p) => p.id === 'badge')!.box).toBeNull();
    expect(r.find((p) => p.id === 'pod')!.choice).toBe(1);
    // Output keeps input order.
    expect(r.map((p) => p.id)).toEqual(['pod', 'node', 'badge']);
  });

  it('a group stands at one candidate where all fit, though alone the labels would alternate', () => {
    // Three rows of one node, 50 px tall at y0; a name goes above (y0 − 20) or under it (y0 + 52). The
    // middle row's "above" is blocked by the row behind (an obstacle), the last row stands further
    // off. Alone, the names read above, under, above: two names in the gap between rows 1 and 2. As a
    // group, every name stands under its node.
    const rows = [100, 200, 320];
    const labels: LabelRequest[] = rows.map((y0, i) => ({
      id: `node ${i}`,
      priority: 1,
      group: 'names',
      candidates: [box(0, y0 - 20), box(0, y0 + 52)],
    }));
    const obstacles = [box(0, 175, 50, 24)];
    const alone = placeLabels(
      labels.map(({ group: _, ...l }) => l),
      { view: VIEW, obstacles },
    );
    expect(alone.map((p) => p.choice)).toEqual([0, 1, 0]);
    const grouped = placeLabels(labels, { view: VIEW, obstacles });
    expect(grouped.map((p) => p.choice)).toEqual([1, 1, 1]);
    expect(grouped.map((p) => p.box!.y)).toEqual([152, 252, 372]);
  });

  it('where no one candidate fits the whole group, the most that fit take it and the rest fall back', () => {
    // Three names 60 px wide on nodes 50 px apart: at any one candidate the middle one collides, so
    // it takes its second tier; the others share the first.
    const l = (id: string, x: number): LabelRequest => ({
      id,
      priority: 1,
      group: 'names',
      candidates: [box(x, 20, 60), box(x, 0, 60)],
    });
    const r = placeLabels([l('a', 0), l('b', 50), l('c', 100)], { view: VIEW, gap: 2 });
    expect(r.map((p) => p.choice)).toEqual([0, 1, 0]);
    assertApart(
      r.map((p) => p.box!),
      2,
    );
    // A label of a higher priority outside the group is placed first: it takes a's first place, so
    // the group's most (a and c) stand at the second tier and b, falling back, at its first.
    const withBadge = placeLabels(
      [l('a', 0), l('b', 50), l('c', 100), { id: 'x', priority: 5, candidates: [box(0, 20, 30)] }],
      { view: VIEW, gap: 2 },
    );
    expect(withBadge.map((p) => p.choice)).toEqual([1, 0, 1, 0]);
  });

  it('where even the second tier leaves names unshown, every k-th is named, all at one candidate', () => {
    // Nine names 100 px wide on nodes 30 px apart, two tiers: staggered, 0, 4, 8 stand on the first
    // and 1, 5 on the second, 2, 3, 6, 7 nowhere. Named every 4th instead: 0, 4, 8, on the first.
    const l = (n: number): LabelRequest => ({
      id: `n${n}`,
      priority: 1,
      group: 'names',
      candidates: [box(n * 30, 40, 100), box(n * 30, 20, 100)],
    });
    const r = placeLabels(
      Array.from({ length: 9 }, (_, n) => l(n)),
      { view: VIEW, gap: 2 },
    );
    expect(r.map((p) => p.choice)).toEqual([0, -1, -1, -1, 0, -1, -1, -1, 0]);
  });

  it('keeps the gap between labels and ties in input order', () => {
    const r = placeLabels(
      [
        { id: 'a', priority: 0, candidates: [box(0, 0)] },
        { id: 'b', priority: 0, candidates: [box(51, 0)] },
      ],
      { view: VIEW, gap: 2 },
    );
    expect(r[0].box).not.toBeNull();
    expect(r[1].box).toBeNull();
    const touching = placeLabels(
      [
        { id: 'a', priority: 0, candidates: [box(0, 0)] },
        { id: 'b', priority: 0, candidates: [box(50, 0)] },
      ],
      { view: VIEW, gap: 0 },
    );
    expect(touching.every((p) => p.box)).toBe(true);
  });

  it('rejects boxes outside the view and over obstacles, except the label’s own', () => {
    const r = placeLabels(
      [
        { id: 'out', priority: 0, candidates: [box(780, 10), box(700, 10)] },
        { id: 'blocked', priority: 0, candidates: [box(300, 300)], owner: 'n1' },
        { id: 'own', priority: 0, candidates: [box(300, 100)], owner: 'n2' },
      ],
      {
        view: VIEW,
        obstacles: [
          { x: 290, y: 290, w: 100, h: 100, owner: 'n2' },
          { x: 290, y: 90, w: 100, h: 100, owner: 'n2' },
        ],
      },
    );
    expect(r[0]).toMatchObject({ choice: 1, box: box(700, 10) });
    expect(r[1].box).toBeNull();
    expect(r[2].choice).toBe(0);
  });

  it('an obstacle projected from behind the camera (billions of pixels wide) still blocks, and is cheap', () => {
    // Listed in every 64 px cell it touched, such a box once filled a Map past its maximum size.
    const r = placeLabels(
      [
        { id: 'under', priority: 0, candidates: [box(300, 300)] },
        { id: 'nan', priority: 0, candidates: [{ x: NaN, y: 10, w: 40, h: 10 }, box(10, 10)], owner: 'huge' },
      ],
      {
        view: VIEW,
        obstacles: [
          { x: -4e9, y: -4e9, w: 8e9, h: 8e9, owner: 'huge' },
          { x: NaN, y: 0, w: 10, h: 10, owner: 'nan' },
        ],
      },
    );
    expect(r[0].box).toBeNull(); // covered by the huge obstacle
    expect(r[1]).toMatchObject({ choice: 1, box: box(10, 10) }); // its own obstacle; the NaN box is skipped
  });

  it('400 crowded labels: none overlap, and the same input gives the same answer', () => {
    // A fixed pseudo-random scatter (LCG, seed 7): many candidates collide.
    let s = 7;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const labels: LabelRequest[] = Array.from({ length: 400 }, (_, i) => {
      const cx = rnd() * 800;
      const cy = rnd() * 500;
      const w = labelBoxWidth(`node ${i}`, 12);
      return {
        id: `l${i}`,
        priority: i % 3,
        candidates: [
          centredBox(cx, cy, w, 17),
          centredBox(cx, cy + 20, w, 17),
          centredBox(cx, cy - 20, w, 17),
        ],
      };
    });
    const a = placeLabels(labels, { view: VIEW, gap: 2 });
    const shown = a.flatMap((p) => (p.box ? [p.box] : []));
    expect(shown.length).toBeGreaterThan(100);
    expect(shown.length).toBeLessThan(400);
    assertApart(shown, 2);
    for (const b of shown) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y + b.h).toBeLessThanOrEqual(500);
    }
    expect(placeLabels(labels, { view: VIEW, gap: 2 })).toEqual(a);
    // Priority 2 labels are never hidden in favour of lower ones: each hidden one collides with a higher or equal one.
    a.forEach((p, i) => {
      if (p.box || labels[i].priority !== 2) return;
      const fits = labels[i].candidates.some(
        (c) =>
          c.x >= 0 &&
          c.y >= 0 &&
          c.x + c.w <= 800 &&
          c.y + c.h <= 500 &&
          !a.some((q, j) => q.box && labels[j].priority === 2 && overlaps(q.box, c, 2)),
      );
      expect(fits, `label ${i}`).toBe(false);
    });
  });
});
