import { describe, expect, it } from 'vitest';
import { traceFixture } from '../test/traceFixture';
import { computeLayout } from './layout';
import { routeOf } from './route';
import { componentOf, linkSummary, nodeRows, routeRows } from './topologyTable';

/** Rows of "one request, slowly" (a load generator on node 0, one server pod on node 1) for a design. */
const rowsOf = (arch: string) => {
  const { layout } = traceFixture(arch, 1);
  return { layout, rows: nodeRows(layout, computeLayout(layout)) };
};

describe('the topology as table rows, per design', () => {
  it('sidecar: an Envoy sidecar beside each app, netfilter in each kernel, no node proxy', () => {
    const { rows } = rowsOf('sidecar-envoy');
    expect(rows.map((n) => [n.name, n.cores, n.nodeProxy, n.hooks])).toEqual([
      ['node 0', 4, null, ['netfilter (iptables/nftables chains)']],
      ['node 1', 4, null, ['netfilter (iptables/nftables chains)']],
    ]);
    expect(rows[0].pods).toEqual([
      {
        id: 'loadgen',
        role: 'load generator',
        components: ['load generator (client app)', 'sidecar proxy: Envoy'],
      },
    ]);
    expect(rows[1].pods).toEqual([
      { id: 'server-0', role: 'service server', components: ['app container', 'sidecar proxy: Envoy'] },
    ]);
  });

  it('ambient: no sidecars, a ztunnel per node, netfilter redirection in each kernel', () => {
    const { rows } = rowsOf('ambient');
    expect(rows.map((n) => [n.nodeProxy, n.hooks])).toEqual([
      ['ztunnel', ['netfilter (iptables/nftables chains)']],
      ['ztunnel', ['netfilter (iptables/nftables chains)']],
    ]);
    expect(rows.flatMap((n) => n.pods.map((p) => p.components))).toEqual([
      ['load generator (client app)'],
      ['app container'],
    ]);
  });

  it('Cilium: no sidecars, a per-node Envoy, tc and redirect eBPF programs in each kernel', () => {
    const { rows } = rowsOf('cilium-ebpf');
    for (const n of rows) {
      expect(n.nodeProxy).toBe('Envoy (per node)');
      expect(n.hooks).toEqual(['tc eBPF program', 'eBPF redirect']);
    }
    expect(rows[1].pods[0].components).toEqual(['app container']);
  });

  it('library: the library in each app, no proxy anywhere, no kernel hooks beyond TCP/IP', () => {
    const { rows } = rowsOf('library');
    expect(rows.map((n) => [n.nodeProxy, n.hooks])).toEqual([
      [null, []],
      [null, []],
    ]);
    expect(rows.flatMap((n) => n.pods.map((p) => p.components))).toEqual([
      ['load generator (client app)', 'library in the app: Hystrix thread pool'],
      ['app container', 'library in the app: Hystrix thread pool'],
    ]);
  });

  it('ambient with a waypoint: a waypoint pod with its proxy, counted as the scene counts it', () => {
    const { layout, rows } = rowsOf('ambient-waypoint');
    const pods = rows.flatMap((n) => n.pods);
    const waypoints = pods.filter((p) => p.role === 'waypoint');
    expect(waypoints.length).toBe(computeLayout(layout).counts.waypoints);
    expect(waypoints.length).toBeGreaterThan(0);
    for (const w of waypoints)
      expect(w.components).toEqual([`waypoint proxy: ${layout.architecture.waypoint}`]);
    // Every pod drawn is listed once, under the node it is drawn on.
    expect(pods.length).toBe(layout.pods.length);
    for (const n of rows)
      for (const p of n.pods) expect(layout.pods.find((q) => q.id === p.id)!.node).toBe(n.index);
  });

  it('counts the links between nodes by what protects them', () => {
    expect(linkSummary(rowsOf('sidecar-envoy').layout)).toEqual([
      { protection: 'mtls', label: 'workload mTLS (proxy or library to proxy or library)', count: 1 },
    ]);
  });
});

describe('the followed request as table rows', () => {
  const { layout, buffer } = traceFixture('sidecar-envoy');
  const scene = computeLayout(layout);
  const first = buffer.events[0];
  const records = buffer.requestEvents(first.request);

  it('lists every hop of the route in order, with node, component, mean cost, standing and sources', () => {
    const envoy = records.find(
      (r) => layout.hops[r.hop].label === 'HTTP parse, route, load-balance, filters',
    )!;
    const route = routeOf(first.request, records, layout.hops, scene, envoy.enter);
    const rows = routeRows(route, layout);
    expect(rows.length).toBe(route.hops);
    expect(rows.map((r) => r.hop)).toEqual(records.map((r) => r.hop));
    expect(rows.map((r) => r.step)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.current).map((r) => r.step)).toEqual([5]);
    expect(rows[4]).toMatchObject({
      name: 'Envoy L7 (HTTP filters): HTTP parse, route, load-balance, filters',
      leg: 'request',
      where: 'node 0',
      component: 'sidecar: Envoy',
      pod: 'loadgen',
      cost: '40\u00a0µs',
      standing: 'derived',
      sources: layout.hops[envoy.hop].sources,
    });
    expect(rows[4].sources).toContain('istio-perf-1-24');
    const wire = rows.find((r) => r.component === 'NIC and wire')!;
    expect(wire).toMatchObject({ where: 'node 0 → node 1', standing: 'estimate' });
    expect(wire.sources).toContain('meshpath-estimate');
    // Each leg's hops keep their order: request, then handler, then response.
    const legs = rows.map((r) => r.leg).filter((l, i, a) => i === 0 || a[i - 1] !== l);
    expect(legs).toEqual(['request', 'handler', 'response']);
  });

  it('names who does each hop for the design', () => {
    const names = (arch: string) => {
      const l = traceFixture(arch, 1).layout;
      return [...new Set(l.hops.map((h) => componentOf(h, l.architecture)))].sort();
    };
    expect(names('sidecar-envoy')).toEqual([
      'NIC and wire',
      'app',
      'kernel',
      'kernel (netfilter)',
      'sidecar: Envoy',
    ]);
    expect(names('ambient')).toContain('node proxy: ztunnel');
    expect(names('cilium-ebpf')).toContain('kernel (eBPF)');
    expect(names('library')).toContain('library in the app: Hystrix thread pool');
  });
});
