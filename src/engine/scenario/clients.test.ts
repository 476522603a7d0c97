import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import bench from '../../../models/presets/istio-benchmark.json';
import largeMesh from '../../../models/presets/large-mesh.json';
import { ARCHITECTURE_IDS } from '../../model/architecture';
import { SCENARIO_PRESETS } from '../../model/presets';
import { ScenarioSchema, type ScenarioInput } from '../../model/scenario';
import { scenarioProblems } from '../../model/scenarioChecks';
import { footprint } from '../footprint';
import { Simulation } from '../simulation';
import { summarize } from '../summary';
import { compileScenario, UnsupportedError } from './compileScenario';
import hashes from './compileHashes.json';
import { buildLedger } from './ledger';
import { ScenarioError } from './placement';

const base = bench as unknown as ScenarioInput;

/** The Istio benchmark's topology with an open load over `connections`, from `clients` clients. */
function withClients(clients: number | undefined, connections = 16, rps = 1000): ScenarioInput {
  return {
    ...base,
    architectures: ['sidecar-envoy'],
    workload: {
      ...base.workload,
      ...(clients === undefined ? {} : { clients }),
      load: { kind: 'open', rps, connections },
    },
    run: { warmupRequests: 200, measuredRequests: 4000 },
  };
}

/** What a compile produced, as one hash: the spec, the hops' descriptions, the pods and the notes. */
function compileHash(s: ScenarioInput, arch: (typeof ARCHITECTURE_IDS)[number]): string {
  const c = compileScenario({ ...s, architectures: [arch] }, arch);
  const text = JSON.stringify({ spec: c.spec, hops: c.hops, pods: c.placement.pods, notes: c.notes });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * large-mesh as it was before clients: 400 services of 5 replicas, one generator over 64 connections,
 * 10,000 measured requests a replication.
 */
function largeMeshBefore(): ScenarioInput {
  const s = largeMesh as unknown as ScenarioInput;
  const { clients: _dropped, ...workload } = s.workload as ScenarioInput['workload'] & { clients?: number };
  return {
    ...s,
    topology: { ...s.topology, services: s.topology.services.map((svc) => ({ ...svc, replicas: 5 })) },
    workload: { ...workload, load: { kind: 'open', rps: 20_000, connections: 64 } },
    run: { warmupRequests: 1_000, measuredRequests: 10_000 },
  };
}

describe('one load-generator client compiles as the single generator always did', () => {
  // compileHashes.json holds the hashes of every preset × design compiled before clients existed (a
  // deliberate change to the models or the compiler regenerates it; nothing in this change may).
  it('every preset and design: the same spec, hops, pods and notes as before', () => {
    const seen: string[] = [];
    for (const [id, preset] of Object.entries(SCENARIO_PRESETS)) {
      const s = id === 'large-mesh' ? largeMeshBefore() : (preset as unknown as ScenarioInput);
      for (const arch of ARCHITECTURE_IDS) {
        const key = `${id}/${arch}`;
        const want = (hashes as Record<string, string>)[key];
        if (want === undefined) {
          expect(() => compileHash(s, arch), key).toThrow(UnsupportedError);
          continue;
        }
        expect(compileHash(s, arch), key).toBe(want);
        seen.push(key);
      }
    }
    expect(seen).toHaveLength(Object.keys(hashes).length);
  });

  it('clients: 1 is the same as no clients field', () => {
    for (const arch of ['sidecar-envoy', 'library', 'ambient'] as const)
      expect(compileHash(withClients(1), arch)).toBe(compileHash(withClients(undefined), arch));
  });
});

describe('several load-generator clients', () => {
  it('places each client on node 0 with its own app, sidecar and library pool; the entry picks one by connection', () => {
    const c = compileScenario(withClients(3, 6), 'sidecar-envoy');
    expect(c.placement.clients.map((p) => [p.id, p.node])).toEqual([
      ['loadgen', 0],
      ['loadgen-1', 0],
      ['loadgen-2', 0],
    ]);
    expect(c.placement.pods.slice(0, 3)).toEqual(c.placement.clients);
    const ids = new Set(c.spec.stations.map((s) => s.id));
    for (const pod of ['loadgen', 'loadgen-1', 'loadgen-2']) {
      expect(ids.has(`app:${pod}`), pod).toBe(true);
      expect(ids.has(`sidecar:${pod}`), pod).toBe(true);
    }
    const entry = c.spec.routes.find((r) => r.id === c.spec.entry)!;
    expect(entry.steps).toEqual([
      {
        choose: ['svc:loadgen>fortio-server', 'svc:loadgen-1>fortio-server', 'svc:loadgen-2>fortio-server'],
        policy: 'connection',
        retries: 0,
      },
    ]);
    const lib = compileScenario({ ...withClients(3, 6), architectures: ['library'] }, 'library');
    const libIds = new Set(lib.spec.stations.map((s) => s.id));
    for (const pod of ['loadgen', 'loadgen-1', 'loadgen-2']) expect(libIds.has(`library:${pod}`)).toBe(true);
  });

  it('shares the load out evenly: each of 4 clients sends a quarter of the requests through its own sidecar', () => {
    const c = compileScenario(withClients(4, 8, 2000), 'sidecar-envoy');
    const r = summarize(new Simulation(c.spec).run());
    expect(r.requests.failed).toBe(0);
    // The first hop of each client's leg to the one server pod: how many requests that client sent.
    const firstHop = (pod: string) => {
      const leg = c.spec.routes.find((route) => route.id === `leg:${pod}>fortio-server-0`)!;
      const id = (leg.steps.find((st) => 'hop' in st) as { hop: string }).hop;
      return r.hops.find((h) => h.id === id)!.count;
    };
    const counts = ['loadgen', 'loadgen-1', 'loadgen-2', 'loadgen-3'].map(firstHop);
    const total = counts.reduce((a, b) => a + b, 0);
    // Connections are drawn at random per arrival (seed 1): each share within ±3 points of 25 %.
    for (const n of counts) expect(Math.abs(n / total - 0.25)).toBeLessThan(0.03);
    // Each client's sidecar carries its quarter: about a quarter as busy as the single generator's.
    const one = summarize(
      new Simulation(compileScenario(withClients(1, 8, 2000), 'sidecar-envoy').spec).run(),
    );
    const util = (run: typeof r, id: string) => run.stations.find((s) => s.id === id)!.utilization;
    const single = util(one, 'sidecar:loadgen');
    for (const p of ['loadgen', 'loadgen-3'])
      expect(util(r, `sidecar:${p}`) / single, p).toBeCloseTo(0.25, 1);
  });

  it('the ledger counts every client as the load generator', () => {
    const c = compileScenario(withClients(2, 4), 'sidecar-envoy');
    // Every hop once: the second client's legs fall into the same call as the first's.
    const ledger = buildLedger(c, { visits: () => 1, serviceUs: () => 1, waitUs: () => 0 });
    expect([...new Set(ledger.map((l) => l.call))].sort()).toEqual([
      'fortio-server',
      'loadgen > fortio-server',
    ]);
    const one = buildLedger(compileScenario(withClients(1, 4), 'sidecar-envoy'), {
      visits: () => 1,
      serviceUs: () => 1,
      waitUs: () => 0,
    });
    expect(ledger.map((l) => l.key)).toEqual(one.map((l) => l.key));
    const first = ledger.find((l) => l.call === 'loadgen > fortio-server')!;
    expect(first.visits).toBe(2 * one.find((l) => l.key === first.key)!.visits);
  });

  it('counts the clients among the pods the footprint and the practical limits see', () => {
    const one = footprint(withClients(1, 4), 'sidecar-envoy');
    const four = footprint(withClients(4, 4), 'sidecar-envoy');
    // The Istio preset's mesh is larger than what it simulates: the pods it counts stay the mesh's.
    expect(four.mesh.pods).toBe(one.mesh.pods);
    const small = { ...withClients(4, 4), topology: { ...base.topology, mesh: undefined } } as ScenarioInput;
    expect(footprint(small, 'sidecar-envoy').mesh.pods).toBe(5);
    const s = ScenarioSchema.parse({
      ...withClients(20, 20),
      topology: { ...base.topology, services: [{ id: 'fortio-server', replicas: 2481 }] },
    });
    expect(scenarioProblems(s)[0]).toMatchObject({ field: 'topology.services', practical: true });
    expect(scenarioProblems(s)[0].message).toMatch(/^2501 simulated pods/);
  });
});

describe('clients: bad input names its field', () => {
  it('fewer connections than clients', () => {
    const s = withClients(4, 3);
    expect(scenarioProblems(ScenarioSchema.parse(s))).toEqual([
      {
        field: 'workload.load.connections',
        message:
          '3 connections for 4 load-generator clients (workload.clients): each client needs at least one',
      },
    ]);
    expect(() => compileScenario(s, 'sidecar-envoy')).toThrow(ScenarioError);
    expect(() => compileScenario(s, 'sidecar-envoy')).toThrow(/^workload\.load\.connections: 3 connections/);
  });

  it('a service whose pods would take a client’s name', () => {
    const s: ScenarioInput = {
      ...withClients(2, 4),
      topology: { ...base.topology, entry: 'loadgen', services: [{ id: 'loadgen', replicas: 2 }] },
    };
    expect(scenarioProblems(ScenarioSchema.parse(s)).map((p) => p.field)).toEqual([
      'topology.services[0].id',
    ]);
    expect(() => compileScenario(s, 'sidecar-envoy')).toThrow(/^topology\.services\[0\]\.id: /);
    // One client, or one replica, leaves no clash.
    expect(scenarioProblems(ScenarioSchema.parse({ ...s, workload: withClients(1, 4).workload }))).toEqual(
      [],
    );
  });

  it('clients are bounded: 1 to 64, whole', () => {
    for (const clients of [0, 65, 1.5])
      expect(ScenarioSchema.safeParse(withClients(clients, 100)).success, String(clients)).toBe(false);
    expect(ScenarioSchema.safeParse(withClients(64, 64)).success).toBe(true);
  });
});
