import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANES, MOST_STOPS } from './paths';

/** packet-walks §10's table: per direction, user-space proxies and TCP legs, by row number. */
function walkTable(): Map<number, { proxies: number; tcpLegs: number }> {
  const md = readFileSync(join(__dirname, '../../../docs/references/packet-walks.md'), 'utf8');
  const section = md.slice(md.indexOf('## 10.'), md.indexOf('## 11.'));
  const rows = new Map<number, { proxies: number; tcpLegs: number }>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const n = Number(cells[1]);
    // Only the first table's rows (eleven columns); the next table numbers its rows too.
    if (!Number.isInteger(n) || n === 0 || cells.length < 12) continue;
    // Columns: #, architecture, user-space proxies, rewrites, eBPF on path, TCP legs, …
    rows.set(n, { proxies: parseInt(cells[3], 10), tcpLegs: parseInt(cells[6], 10) });
  }
  return rows;
}

describe("the home page's three paths", () => {
  const table = walkTable();
  const ROW = { library: 2, sidecar: 4, ebpf: 7 } as const;

  it('agree with packet-walks §10: its proxies, and a kernel per TCP leg plus one for the far node', () => {
    expect(table.size).toBe(9);
    for (const lane of LANES) {
      const row = table.get(ROW[lane.id])!;
      expect([lane.id, lane.proxies, lane.tcpLegs]).toEqual([lane.id, row.proxies, row.tcpLegs]);
      const count = (k: string) => lane.stops.filter((s) => s.kind === k).length;
      expect(count('proxy')).toBe(lane.proxies);
      // Each leg is one pass through a kernel; the leg that crosses the wire passes through two.
      expect(count('kernel')).toBe(lane.tcpLegs + 1);
      expect(count('wire')).toBe(1);
      expect(lane.stops[0].kind).toBe('app');
      expect(lane.stops[lane.stops.length - 1].kind).toBe('app');
    }
  });

  it('the sidecar lane is the longest, and the library and eBPF lanes are as long as each other', () => {
    const len = Object.fromEntries(LANES.map((l) => [l.id, l.stops.length]));
    expect(MOST_STOPS).toBe(len.sidecar);
    expect(len.library).toBe(len.ebpf);
    expect(len.sidecar - len.library).toBe(4);
  });
});
