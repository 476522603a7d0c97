import { describe, expect, it } from 'vitest';
import hopKinds from '../../../models/hop-kinds.json';
import preset from '../../../models/presets/istio-benchmark.json';
import { ARCHITECTURE_IDS } from '../../model/architecture';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from '../../model/presets';
import type { ScenarioInput } from '../../model/scenario';
import { SimSpecSchema } from '../../model/simSpec';
import { isVouched, parseScenario } from '../../model/valid';
import { Simulation } from '../simulation';
import { summarize } from '../summary';
import { compileScenario, UnsupportedError } from './compileScenario';
import { ScenarioError } from './placement';
import { expectSame } from '../../test/sameValue';

const bench = preset as unknown as ScenarioInput;

function scenario(
  over: Partial<ScenarioInput> = {},
  topo: Partial<ScenarioInput['topology']> = {},
): ScenarioInput {
  return { ...bench, ...over, topology: { ...bench.topology, ...topo } };
}

describe('placement and resources', () => {
  it('puts the load generator on node 0 and service pods on the other nodes (cross-node)', () => {
    const c = compileScenario(
      scenario({}, { nodes: 3, services: [{ id: 'web', replicas: 4 }], entry: 'web' }),
      'no-mesh',
    );
    expect(c.placement.pods.map((p) => [p.id, p.node])).toEqual([
      ['loadgen', 0],
      ['web-0', 1],
      ['web-1', 2],
      ['web-2', 1],
      ['web-3', 2],
    ]);
  });

  it('creates a CPU station per node and worker pools for the architecture’s components', () => {
    const ids = (a: 'no-mesh' | 'sidecar-envoy' | 'ambient') =>
      compileScenario(bench, a).spec.stations.map((s) => s.id);
    expect(ids('no-mesh')).toEqual(['cpu:n0', 'cpu:n1', 'app:loadgen', 'app:fortio-server-0']);
    expect(ids('sidecar-envoy')).toEqual([
      'cpu:n0',
      'cpu:n1',
      'app:loadgen',
      'app:fortio-server-0',
      'sidecar:fortio-server-0',
      'sidecar:loadgen',
    ]);
    expect(ids('ambient')).toEqual([
      'cpu:n0',
      'nodeproxy:n0',
      'cpu:n1',
      'nodeproxy:n1',
      'app:loadgen',
      'app:fortio-server-0',
    ]);
    const envoy = compileScenario(bench, 'sidecar-envoy').spec.stations.find(
      (s) => s.id === 'sidecar:loadgen',
    );
    expect(envoy).toMatchObject({ kind: 'threads', servers: 2, discipline: 'affinity' });
  });

  it('same-node placement drops the wire and the second host routing pass', () => {
    const cross = compileScenario(bench, 'no-mesh').hops.map((h) => h.kind);
    const same = compileScenario(scenario({}, { nodes: 1, placement: 'same-node' }), 'no-mesh').hops.map(
      (h) => h.kind,
    );
    expect(cross.filter((k) => k === 'nic.wire')).toHaveLength(2);
    expect(same.filter((k) => k === 'nic.wire')).toHaveLength(0);
    expect(cross.filter((k) => k === 'host.route')).toHaveLength(4);
    expect(same.filter((k) => k === 'host.route')).toHaveLength(2);
  });
});

describe('route templates', () => {
  it('the sidecar request leg follows packet-walks §4 (steady state, cross-node)', () => {
    const c = compileScenario(bench, 'sidecar-envoy');
    const req = c.hops.filter((h) => h.leg === 'request').map((h) => `${h.kind}@${h.side}.${h.actor}`);
    expect(req).toEqual([
      'sys.send@client.app',
      'nf.pass@client.kernel',
      'lo@client.kernel',
      'sys.recv@client.sidecar',
      'proxy.l7@client.sidecar',
      'tls.rec@client.sidecar',
      'sys.send@client.sidecar',
      'tcp.tx@client.sidecar',
      'nf.pass@client.kernel',
      'veth@client.kernel',
      'host.route@client.kernel',
      'nic.wire@client.wire',
      'host.route@server.kernel',
      'veth@server.kernel',
      'nf.pass@server.kernel',
      'tcp.rx@server.kernel',
      'sys.recv@server.sidecar',
      'tls.rec@server.sidecar',
      'proxy.l7@server.sidecar',
      'sys.send@server.sidecar',
      'lo@server.kernel',
      'sys.recv@server.app',
    ]);
    // Six user↔kernel copies per direction (packet-walks §10).
    expect(c.hops.filter((h) => h.leg === 'request').filter((h) => h.kind.startsWith('sys.')).length).toBe(6);
  });

  it('mTLS off removes the TLS records from the sidecars; ambient keeps them and says why', () => {
    const off = scenario({
      features: {
        mtls: false,
        l7Policy: false,
        telemetry: true,
        connectionReuse: true,
        nodeEncryption: false,
      },
    });
    expect(compileScenario(off, 'sidecar-envoy').hops.some((h) => h.kind === 'tls.rec')).toBe(false);
    const amb = compileScenario(off, 'ambient');
    expect(amb.hops.filter((h) => h.kind === 'tls.rec')).toHaveLength(4);
    expect(amb.notes).toContainEqual(expect.objectContaining({ feature: 'Workload mTLS', mode: 'always' }));
  });

  it('telemetry off removes post-response work; on, it runs once per proxy after the response leaves it', () => {
    const on = compileScenario(bench, 'sidecar-envoy');
    const posts = on.spec.hops.filter((h) => h.post);
    // One per sidecar, on the last hop of its response-leg run (server: tcp.tx; client: sys.send to the app).
    expect(posts).toHaveLength(2);
    const info = new Map(on.hops.map((h) => [h.id, h]));
    expect(posts.map((h) => `${info.get(h.id)!.leg}:${info.get(h.id)!.side}:${h.kind}`)).toEqual([
      'response:server:tcp.tx',
      'response:client:sys.send',
    ]);
    // Both directions' telemetry: twice the catalog's per-message post-response work.
    const perMessage = hopKinds.find((k) => k.id === 'proxy.l7')!.cost.default.postUs;
    for (const h of posts) expect(info.get(h.id)!.postUs).toBe(2 * perMessage);
    const off = compileScenario(
      scenario({
        features: {
          mtls: true,
          l7Policy: false,
          telemetry: false,
          connectionReuse: true,
          nodeEncryption: false,
        },
      }),
      'sidecar-envoy',
    );
    expect(off.spec.hops.some((h) => h.post)).toBe(false);
  });

  it('a new connection per request adds the handshake and the first-packet NAT, whose cost grows with the services (iptables)', () => {
    const churn = (dataplane: 'iptables' | 'nftables', services: number) =>
      compileScenario(
        scenario(
          {
            dataplane,
            features: {
              mtls: true,
              l7Policy: false,
              telemetry: true,
              connectionReuse: false,
              nodeEncryption: false,
            },
          },
          { mesh: { services, pods: services * 2 } },
        ),
        'no-mesh',
      );
    const small = churn('iptables', 100);
    const big = churn('iptables', 10_000);
    const nat = (c: ReturnType<typeof churn>) => c.hops.find((h) => h.kind === 'nf.nat')!;
    expect(nat(big).onPathUs - nat(small).onPathUs).toBeCloseTo((0.015 * (10_000 - 100)) / 2, 9);
    expect(nat(churn('nftables', 10_000)).onPathUs).toBe(nat(churn('nftables', 100)).onPathUs);
    expect(small.hops.filter((h) => h.label.startsWith('SYN'))).not.toHaveLength(0);
    expect(compileScenario(bench, 'no-mesh').hops.some((h) => h.kind === 'nf.nat')).toBe(false);
  });

  it("Cilium's dataplane replaces netfilter by eBPF where the client dials a ClusterIP", () => {
    const c = compileScenario(scenario({ dataplane: 'cilium-ebpf' }), 'no-mesh');
    expect(c.hops.some((h) => h.category === 'netfilter')).toBe(false);
    expect(c.hops.filter((h) => h.kind === 'ebpf.tc')).toHaveLength(2);
  });

  it('a call graph becomes nested routes with balancing over replicas', () => {
    const s = scenario(
      {},
      {
        nodes: 3,
        services: [
          { id: 'front', replicas: 1, calls: ['a', 'b'], callMode: 'parallel' },
          { id: 'a', replicas: 2 },
          { id: 'b', replicas: 1 },
        ],
        entry: 'front',
      },
    );
    const c = compileScenario(s, 'sidecar-envoy');
    const routes = new Map(c.spec.routes.map((r) => [r.id, r]));
    // Istio retries twice by default at the balancing point.
    expect(routes.get('svc:front-0>a')!.steps).toEqual([
      { choose: ['leg:front-0>a-0', 'leg:front-0>a-1'], policy: 'round-robin', retries: 2 },
    ]);
    expect(routes.get('leg:loadgen>front-0')!.steps).toContainEqual({
      call: ['svc:front-0>a', 'svc:front-0>b'],
      mode: 'parallel',
    });
    expect(
      compileScenario(s, 'ambient').spec.routes.find((r) => r.id === 'svc:front-0>a')!.steps[0],
    ).toMatchObject({ policy: 'connection' });
    // It runs: every request fans out to both services.
    const sum = summarize(
      new Simulation({ ...c.spec, run: { warmupRequests: 10, measuredRequests: 200 } }).run(),
    );
    const handled = (pod: string) => sum.hops.find((h) => h.id === `handler:${pod}`)!.count;
    expect(handled('a-0') + handled('a-1')).toBe(200);
    expect(handled('b-0')).toBe(200);
  });
});

describe('errors name the field', () => {
  it('unknown entry, unknown call, call cycle, too few nodes', () => {
    expect(() => compileScenario(scenario({}, { entry: 'nope' }), 'no-mesh')).toThrow(
      new ScenarioError('topology.entry', "unknown service 'nope'"),
    );
    expect(() =>
      compileScenario(
        scenario({}, { services: [{ id: 'x', replicas: 1, calls: ['y'] }], entry: 'x' }),
        'no-mesh',
      ),
    ).toThrow(/topology\.services\[0\]\.calls\[0\]: unknown service 'y'/);
    expect(() =>
      compileScenario(
        scenario(
          {},
          {
            services: [
              { id: 'x', replicas: 1, calls: ['y'] },
              { id: 'y', replicas: 1, calls: ['x'] },
            ],
            entry: 'x',
          },
        ),
        'no-mesh',
      ),
    ).toThrow(/call cycle: x → y → x/);
    expect(() => compileScenario(scenario({}, { nodes: 1 }), 'no-mesh')).toThrow(
      /topology\.placement: 'cross-node' needs at least 2 nodes/,
    );
  });

  it('an architecture that cannot run the scenario says why', () => {
    const http = scenario({ workload: { ...bench.workload, protocol: 'http1' } });
    expect(() => compileScenario(http, 'proxyless-grpc')).toThrow(UnsupportedError);
    try {
      compileScenario(http, 'proxyless-grpc');
    } catch (e) {
      expect((e as UnsupportedError).reasons.join(' ')).toMatch(/gRPC/);
    }
  });
});

describe('common random numbers', () => {
  it('architectures compared on one seed see the same arrivals', () => {
    const open = scenario({
      workload: { ...bench.workload, load: { kind: 'open', rps: 2000 } },
      run: { warmupRequests: 100, measuredRequests: 2000 },
    });
    const a = summarize(new Simulation(compileScenario(open, 'no-mesh').spec).run());
    const b = summarize(new Simulation(compileScenario(open, 'sidecar-envoy').spec).run());
    expect(b.windowUs).toBe(a.windowUs);
    expect(b.latency.intended.mean).toBeGreaterThan(a.latency.intended.mean);
  });
});

describe('the compiled spec is trusted, not parsed again', () => {
  // The compiler vouches for its spec instead of running the schema over it (thousands of hops), so the
  // spec must be exactly what the schema would make of it: every default filled, nothing extra.
  it('equals the schema’s own parse of it, for every design on every preset', () => {
    let checked = 0;
    for (const id of SCENARIO_PRESET_IDS) {
      const s = parseScenario(SCENARIO_PRESETS[id]);
      for (const a of ARCHITECTURE_IDS) {
        let c;
        try {
          c = compileScenario(s, a);
        } catch (e) {
          if (e instanceof UnsupportedError) continue;
          throw e;
        }
        expect(isVouched(c.spec)).toBe(true);
        // JSON drops undefined-valued keys, as a parse would not write them at all.
        // Compared as toStrictEqual would (keys in any order), in one walk (src/test/sameValue.ts).
        expectSame(
          JSON.parse(JSON.stringify(c.spec)),
          JSON.parse(JSON.stringify(SimSpecSchema.parse(c.spec))),
          `${id}, ${a}`,
          { keyOrder: false },
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
