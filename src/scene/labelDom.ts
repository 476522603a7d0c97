import type { PlacedLabel } from './labelPlacement';
import type { SceneLabel } from './sceneLabels';

/**
 * Writes placed labels into an overlay element as absolutely positioned plates: one element per label
 * id, kept and reused across calls (no React state), each given exactly the box it was placed in, so
 * what the placement checked is what is drawn. Hidden labels stay in the pool with display: none.
 * The overlay is aria-hidden: the picture's description and the panels say the same in words.
 */
export function writeLabels(
  overlay: HTMLElement,
  pool: Map<string, HTMLElement>,
  labels: readonly SceneLabel[],
  placed: readonly PlacedLabel[],
): void {
  const seen = new Set<string>();
  labels.forEach((l, i) => {
    seen.add(l.id);
    let el = pool.get(l.id);
    if (!el) {
      el = overlay.ownerDocument.createElement('div');
      el.dataset.label = l.id;
      pool.set(l.id, el);
      overlay.appendChild(el);
    }
    el.className = `sim-label sim-label-${l.kind}`;
    if (el.textContent !== l.text) el.textContent = l.text;
    const box = placed[i]?.box;
    if (!box) {
      el.style.display = 'none';
      return;
    }
    el.style.display = '';
    el.style.fontSize = `${l.fontPx}px`;
    el.style.width = `${box.w}px`;
    el.style.height = `${box.h}px`;
    el.style.lineHeight = `${box.h}px`;
    el.style.transform = `translate(${Math.round(box.x * 10) / 10}px, ${Math.round(box.y * 10) / 10}px)`;
  });
  for (const [id, el] of pool)
    if (!seen.has(id)) {
      el.remove();
      pool.delete(id);
    }
}

/** What the probe reports about the labels drawn. */
export function labelCounts(
  labels: readonly SceneLabel[],
  placed: readonly PlacedLabel[],
): { shown: number; hidden: number; nodesShown: number; nodes: number } {
  let shown = 0;
  let nodesShown = 0;
  let nodes = 0;
  labels.forEach((l, i) => {
    const on = !!placed[i]?.box;
    if (on) shown++;
    if (l.kind === 'node') {
      nodes++;
      if (on) nodesShown++;
    }
  });
  return { shown, hidden: labels.length - shown, nodesShown, nodes };
}
