/** Reading numbers typed into the scenario controls: plain decimals only, with the field's range. */

export interface NumberRule {
  label: string;
  unit?: string;
  min: number;
  max: number;
  integer?: boolean;
}

export type NumberParse = { ok: true; value: number } | { ok: false; message: string };

const grouped = new Intl.NumberFormat('en', { maximumFractionDigits: 6 });

export function formatNumber(v: number): string {
  return grouped.format(v);
}

/**
 * Memory in one style everywhere: MiB below 1 GiB, GiB from there ("512 MiB", "8.5 GiB", "23.9 GiB"),
 * so figures side by side read in the same unit when they are of like size.
 */
export function formatMiB(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const nbsp = '\u00a0';
  if (Math.abs(x) >= 1024) {
    const g = x / 1024;
    return `${Math.abs(g) >= 100 ? g.toFixed(0) : g.toFixed(1)}${nbsp}GiB`;
  }
  return `${Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1)}${nbsp}MiB`;
}

export function rangeText(r: NumberRule): string {
  return `${r.integer ? 'a whole number ' : ''}from ${formatNumber(r.min)} to ${formatNumber(r.max)}${r.unit ? ` ${r.unit}` : ''}`;
}

/**
 * Accepts "1000", "1,000", "2.5"; rejects "1e3", "0x10", "" and anything out of range, saying what the
 * field takes. Number() alone would read '' as 0 and '1e3' as 1000, which is not what a person typed.
 */
export function parseNumber(text: string, r: NumberRule): NumberParse {
  const t = text.trim().replace(/[,\s\u00a0_]/g, '');
  const value = /^-?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : NaN;
  if (Number.isFinite(value) && value >= r.min && value <= r.max && (!r.integer || Number.isInteger(value)))
    return { ok: true, value };
  return { ok: false, message: `${r.label} must be ${rangeText(r)}.` };
}
