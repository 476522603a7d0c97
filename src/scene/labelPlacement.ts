/**
 * Where the picture's labels go, in screen space: given each label's candidate boxes (in order of
 * preference) and a priority, pick for each label the first candidate that lies inside the view and
 * overlaps no label already placed and no obstacle; a label with no such candidate is not shown.
 * Labels are placed highest priority first (ties in input order), so a node's name wins over a pod
 * count, and the result is the same for the same input. Labels of one group (every node's name, say)
 * take the same candidate where they can, so a reader learns one rule ("the name is under its box")
 * instead of names that alternate above and below and bunch between rows. Pure and DOM-free: both
 * views feed it projected boxes, and it is unit-tested at every preset and canvas size.
 *
 * A grid of buckets keeps the overlap checks local, so 400 labels cost about as much as 20.
 */

/** A rectangle in screen pixels: top-left corner, width, height. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelRequest {
  id: string;
  /** Higher is placed first. */
  priority: number;
  /** Where the label may go, most wanted first. */
  candidates: readonly Rect[];
  /** Obstacles with this owner do not block the label (a node's label may sit on its own node). */
  owner?: string;
  /**
   * Labels sharing a group are placed together, where their first member falls in priority order, at
   * the same candidate index: the first where the most of them fit (all, where one does). Those that
   * do not fit there take their first candidate that does (candidates listed in tiers, it is the tier
   * beside). Where even that leaves some unshown, every k-th member is shown instead, all at one index.
   */
  group?: string;
}

export interface Obstacle extends Rect {
  owner?: string;
}

export interface PlacedLabel {
  id: string;
  /** The chosen box, or null when no candidate fits. */
  box: Rect | null;
  /** Index of the chosen candidate (−1 when hidden). */
  choice: number;
}

export interface PlacementOptions {
  /** The visible area; a label must lie wholly inside it. */
  view: Rect;
  obstacles?: readonly Obstacle[];
  /** Clear space kept between two labels, px. */
  gap?: number;
}

const CELL_PX = 64;

/** Whether two rectangles overlap by more than a hair (touching edges do not count). */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  const e = 1e-6;
  return (
    a.x < b.x + b.w + gap - e &&
    b.x < a.x + a.w + gap - e &&
    a.y < b.y + b.h + gap - e &&
    b.y < a.y + a.h + gap - e
  );
}

function inside(r: Rect, v: Rect): boolean {
  const e = 1e-6;
  return r.x >= v.x - e && r.y >= v.y - e && r.x + r.w <= v.x + v.w + e && r.y + r.h <= v.y + v.h + e;
}

/** Buckets of a uniform grid: each item is listed in every cell its rectangle touches. */
class Grid<T extends Rect> {
  private cells = new Map<number, T[]>();
  private readonly lo: [number, number];
  private readonly hi: [number, number];
  /** Only the cells over `bounds` are kept: labels must sit inside it, so nothing beyond it can matter. */
  constructor(
    private readonly pad: number,
    bounds: Rect,
  ) {
    this.lo = [Math.floor((bounds.x - pad) / CELL_PX), Math.floor((bounds.y - pad) / CELL_PX)];
    this.hi = [
      Math.floor((bounds.x + bounds.w + pad) / CELL_PX),
      Math.floor((bounds.y + bounds.h + pad) / CELL_PX),
    ];
  }
  private keys(r: Rect, visit: (k: number) => boolean | void): void {
    // Clamped to the bounds: a box projected from behind the camera can be billions of pixels wide,
    // and listing it in every cell it touches once filled a Map past its maximum size.
    const clamp = (v: number, i: 0 | 1) => Math.min(this.hi[i], Math.max(this.lo[i], v));
    const x0 = clamp(Math.floor((r.x - this.pad) / CELL_PX), 0);
    const x1 = clamp(Math.floor((r.x + r.w + this.pad) / CELL_PX), 0);
    const y0 = clamp(Math.floor((r.y - this.pad) / CELL_PX), 1);
    const y1 = clamp(Math.floor((r.y + r.h + this.pad) / CELL_PX), 1);
    if (!(x0 <= x1 && y0 <= y1)) return; // NaN, or wholly outside
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) if (visit(x * 100_003 + y) === true) return;
  }
  add(item: T): void {
    this.keys(item, (k) => {
      const list = this.cells.get(k);
      if (list) list.push(item);
      else this.cells.set(k, [item]);
    });
  }
  /** Whether any item near `r` satisfies `hit`. */
  some(r: Rect, hit: (item: T) => boolean): boolean {
    let found = false;
    this.keys(r, (k) => {
      const list = this.cells.get(k);
      if (list && list.some(hit)) found = true;
      return found;
    });
    return found;
  }
}

export function placeLabels(labels: readonly LabelRequest[], opts: PlacementOptions): PlacedLabel[] {
  const gap = opts.gap ?? 2;
  const order = labels.map((_, i) => i).sort((a, b) => labels[b].priority - labels[a].priority || a - b);
  const placed = new Grid<Rect>(gap, opts.view);
  const blocks = new Grid<Obstacle>(0, opts.view);
  for (const o of opts.obstacles ?? []) if (o.w > 0 && o.h > 0) blocks.add(o);
  const out: PlacedLabel[] = labels.map((l) => ({ id: l.id, box: null, choice: -1 }));
  const fits = (l: LabelRequest, r: Rect | undefined, also?: Grid<Rect>): r is Rect =>
    r !== undefined &&
    r.w > 0 &&
    r.h > 0 &&
    inside(r, opts.view) &&
    !placed.some(r, (p) => overlaps(p, r, gap)) &&
    !(also?.some(r, (p) => overlaps(p, r, gap)) ?? false) &&
    !blocks.some(r, (o) => (o.owner === undefined || o.owner !== l.owner) && overlaps(o, r));
  const put = (i: number, r: Rect, c: number) => {
    placed.add(r);
    out[i] = { id: labels[i].id, box: r, choice: c };
  };
  const greedy = (i: number) => {
    const l = labels[i];
    for (let c = 0; c < l.candidates.length; c++)
      if (fits(l, l.candidates[c])) return put(i, l.candidates[c], c);
  };
  /** Which of `want` (label, candidate) fit, in order, each clear of those before it and of `taken`. */
  const attempt = (
    want: Iterable<readonly [number, number]>,
    taken = new Grid<Rect>(gap, opts.view),
  ): [number, number][] => {
    const ok: [number, number][] = [];
    for (const [i, c] of want) {
      const r = labels[i].candidates[c];
      if (!fits(labels[i], r, taken)) continue;
      taken.add(r);
      ok.push([i, c]);
    }
    return ok;
  };
  /** A tentative grid holding the boxes of `plan`. */
  const gridOf = (plan: readonly (readonly [number, number])[]) => {
    const g = new Grid<Rect>(gap, opts.view);
    for (const [i, c] of plan) g.add(labels[i].candidates[c]);
    return g;
  };
  const at = (members: readonly number[], c: number) => members.map((i) => [i, c] as const);
  const commit = (plan: readonly (readonly [number, number])[]) => {
    for (const [i, c] of plan) put(i, labels[i].candidates[c], c);
  };
  /** A group's labels: see LabelRequest.group. */
  const placeGroup = (members: readonly number[]) => {
    const most = Math.max(...members.map((j) => labels[j].candidates.length));
    let best: [number, number][] = [];
    for (let c = 0; c < most && best.length < members.length; c++) {
      const ok = attempt(at(members, c));
      if (ok.length > best.length) best = ok;
    }
    if (best.length === members.length) return commit(best);
    // Those that do not fit there take their first candidate that does (the tier beside it).
    const taken = gridOf(best);
    const chosen = new Set(best.map(([i]) => i));
    const rest = members.filter((j) => !chosen.has(j));
    const staggered = [...best];
    for (const j of rest)
      for (let c = 0; c < labels[j].candidates.length; c++) {
        const ok = attempt([[j, c]], taken);
        if (ok.length) {
          staggered.push(...ok);
          break;
        }
      }
    if (staggered.length === members.length) return commit(staggered);
    // Some would go unshown, wherever the crowd fell: name every k-th label instead, all at one
    // candidate, then any other that fits there (as an axis labels every k-th tick). A label that cannot
    // stand there even alone (over another node, off the view) does not count against k. Of those
    // choices, the one that shows the most (the smaller k, then the earlier candidate, on a tie).
    let pick: [number, number][] | null = null;
    for (const k of [1, 2, 3, 4, 5])
      for (let c = 0; c < most; c++) {
        const every = members.filter((j, n) => n % k === 0 && fits(labels[j], labels[j].candidates[c]));
        const kept = attempt(at(every, c));
        if (kept.length === 0 || kept.length < every.length) continue;
        const others = members.filter((_, n) => n % k !== 0);
        const plan = [...kept, ...attempt(at(others, c), gridOf(kept))];
        if (plan.length > (pick?.length ?? 0)) pick = plan;
      }
    if (pick) return commit(pick);
    commit(staggered);
  };
  const groupsDone = new Set<string>();
  for (const i of order) {
    const g = labels[i].group;
    if (g === undefined) {
      greedy(i);
      continue;
    }
    if (groupsDone.has(g)) continue;
    groupsDone.add(g);
    placeGroup(order.filter((j) => labels[j].group === g));
  }
  return out;
}

/**
 * Width of a label's plate, px, for `text` at `fontPx`: 0.62 em per character bounds system-ui's
 * average advance at weight 600, plus the plate's padding. The overlays are given exactly this width,
 * so the boxes placed are the boxes drawn.
 */
export function labelBoxWidth(text: string, fontPx: number): number {
  return Math.ceil(text.length * 0.62 * fontPx + 0.8 * fontPx);
}

/** Height of a label's plate, px. */
export function labelBoxHeight(fontPx: number): number {
  return Math.ceil(fontPx * 1.4);
}

/** A box of the label's size with its centre at (cx, cy). */
export function centredBox(cx: number, cy: number, w: number, h: number): Rect {
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}
