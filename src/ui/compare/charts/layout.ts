/**
 * Text layout for the hand-drawn SVG charts, measured without a browser: an approximate width per
 * character (a little wider than the average sans-serif glyph, so estimates err towards room).
 */

/** Width of one character in em: generous for the system sans-serif the charts use. */
export const EM_PER_CHAR = 0.62;

export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * EM_PER_CHAR;
}

export interface Tick {
  at: number;
  label: string;
}

/**
 * Ticks whose centred labels do not overlap (at least `gap` apart), kept greedily from the left;
 * the last tick is kept in preference to its left neighbour so the axis shows its end.
 */
export function thinTicks<K extends Tick>(ticks: K[], fontSize: number, gap = 8): K[] {
  const sorted = [...ticks].sort((a, b) => a.at - b.at);
  const half = (t: Tick) => textWidth(t.label, fontSize) / 2;
  const kept: K[] = [];
  for (const t of sorted) {
    const prev = kept.at(-1);
    if (!prev || t.at - half(t) >= prev.at + half(prev) + gap) kept.push(t);
  }
  const last = sorted.at(-1);
  if (last && kept.at(-1) !== last) {
    // Swap the end in: drop kept ticks from the right until it fits.
    while (kept.length > 1 && last.at - half(last) < kept.at(-1)!.at + half(kept.at(-1)!) + gap) kept.pop();
    if (kept.length === 0 || last.at - half(last) >= kept.at(-1)!.at + half(kept.at(-1)!) + gap)
      kept.push(last);
  }
  return kept;
}

/**
 * Every k-th tick, for the smallest k whose labels do not run into each other, counted from zero when
 * the axis has it: the kept ticks stay evenly spaced (0, 1, 2 rather than 0, 0.5, 1.5, 2.5).
 */
export function evenTicks<K extends { at: number; label: string; value: number }>(
  ticks: K[],
  fontSize: number,
  gap = 8,
): K[] {
  const zero = Math.max(
    0,
    ticks.findIndex((t) => t.value === 0),
  );
  const half = (t: K) => textWidth(t.label, fontSize) / 2;
  const fits = (kept: K[]) =>
    kept.every((t, i) => i === 0 || t.at - half(t) >= kept[i - 1].at + half(kept[i - 1]) + gap);
  for (let k = 1; k < ticks.length; k++) {
    // From zero first; another start if that leaves a single tick.
    const starts = [zero % k, ...Array.from({ length: k }, (_, i) => i).filter((i) => i !== zero % k)];
    for (const start of starts) {
      const kept = ticks.filter((_, i) => i % k === start);
      if (kept.length >= 2 && fits(kept)) return kept;
    }
  }
  return ticks.slice(zero, zero + 1);
}

/**
 * Words wrapped into at most `maxLines` lines no wider than `maxWidth`; a word too long for a line,
 * or text beyond the last line, is cut with an ellipsis (the full text goes in a tooltip).
 */
export function wrapLabel(
  label: string,
  fontSize: number,
  maxWidth: number,
  maxLines = 3,
): { lines: string[]; cut: boolean } {
  const maxChars = Math.max(2, Math.floor(maxWidth / (fontSize * EM_PER_CHAR)));
  const words = label.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cut = false;
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const joined = line ? `${line} ${w}` : w;
    if (joined.length <= maxChars) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = w;
    if (lines.length === maxLines) {
      cut = true;
      line = '';
      break;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    cut = true;
  }
  const out = lines.map((l) => (l.length > maxChars ? `${l.slice(0, maxChars - 1)}…` : l));
  if (out.some((l, i) => l !== lines[i])) cut = true;
  if (cut && out.length === maxLines) {
    const lastLine = out[maxLines - 1]!;
    if (!lastLine.endsWith('…'))
      out[maxLines - 1] = lastLine.length < maxChars ? `${lastLine}…` : `${lastLine.slice(0, maxChars - 1)}…`;
  }
  return { lines: out, cut };
}

/** Axis numbers in three significant digits, thousands as "k", millions as "M": 2, 50, 1.2k, 500k, 1M. */
export const compactNumber = (v: number) =>
  v >= 1e6
    ? `${Number((v / 1e6).toPrecision(3))}M`
    : v >= 1000
      ? `${Number((v / 1000).toPrecision(3))}k`
      : `${Number(v.toPrecision(3))}`;
