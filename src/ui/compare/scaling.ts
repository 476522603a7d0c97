import type { Figures } from './figures';

/** Helpers for the scaling section: pure, tested without a browser. */

/** Source of the iptables rule-walk figure (0.015 µs per rule, half the chain walked on average). */
export const NAT_SOURCE = 'kube-proxy-nftables-blog (per-rule cost decoded by us: an estimate)';

/** Cores, two significant decimals below 10, one above: "0.04", "2.51", "200.5". */
export function cores(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  return Math.abs(x) >= 10
    ? x.toFixed(1)
    : Math.abs(x) >= 0.1
      ? x.toFixed(2)
      : String(Number(x.toPrecision(2)));
}

/** Citation ids behind an architecture's footprint (every component's), in first-seen order. */
export function footprintSources(f: Figures): string[] {
  return [...new Set(f.estimate?.footprint?.components.flatMap((c) => c.sources) ?? [])];
}
