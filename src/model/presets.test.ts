import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from './presets';
import { MODEL_VERSION, ScenarioSchema } from './scenario';
import { scenarioProblems } from './scenarioChecks';
import { parseScenarioValue } from './scenarioCodec';

describe('shipped presets', () => {
  it.each(SCENARIO_PRESET_IDS)(
    '%s is a valid scenario for these models, with a name and a description',
    (id) => {
      const r = ScenarioSchema.safeParse(SCENARIO_PRESETS[id]);
      expect(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))).toBe(true);
      const s = r.data!;
      expect(s.modelVersion).toBe(MODEL_VERSION);
      expect(s.name?.length).toBeGreaterThan(0);
      expect(s.description?.length).toBeGreaterThan(40);
      const ids = new Set(s.topology.services.map((x) => x.id));
      expect(ids.has(s.topology.entry)).toBe(true);
      for (const svc of s.topology.services)
        for (const c of svc.calls) expect(ids.has(c), `${svc.id} calls ${c}`).toBe(true);
    },
  );

  it('nodes-30: 30 nodes, about 3 pods a node, and a request path with a fan-out and a chain', () => {
    const s = ScenarioSchema.parse(SCENARIO_PRESETS['nodes-30']);
    expect(s.topology.nodes).toBe(30);
    expect(s.topology.placement).toBe('spread');
    const pods = s.topology.services.reduce((n, x) => n + x.replicas, 0);
    expect(pods / s.topology.nodes).toBeGreaterThanOrEqual(2);
    expect(pods / s.topology.nodes).toBeLessThanOrEqual(4);
    const entry = s.topology.services.find((x) => x.id === s.topology.entry)!;
    expect(entry.calls.length).toBeGreaterThanOrEqual(3);
    expect(entry.callMode).toBe('parallel');
    expect(s.topology.services.some((x) => x.callMode === 'sequential' && x.calls.length >= 2)).toBe(true);
    expect(s.description).toContain('istio-ambient-vs-cilium-2024');
  });
});

describe('large-mesh', () => {
  const s = ScenarioSchema.parse(SCENARIO_PRESETS['large-mesh']);
  const pods = s.topology.services.reduce((n, x) => n + x.replicas, 0);

  it('is 2,000 pods of 400 services at 20,000 rps from 5 clients of 4,000 rps, comparing library, sidecar, eBPF and ambient with no mesh', () => {
    expect(s.topology.services).toHaveLength(400);
    expect(pods).toBe(2_000);
    expect(s.workload.load).toMatchObject({ kind: 'open', rps: 20_000 });
    // Five clients keep each client's sidecar at about 40 % and the legs the page compiles few (each
    // client pod × frontend pod is a route); 32 connections each keep HTTP/1.1 requests from queueing at
    // the client when a proxy's queue grows for a moment (64 in all let one replication's latency run away).
    expect(s.workload.clients).toBe(5);
    const load = s.workload.load as { rps: number; connections: number };
    expect(load.rps / s.workload.clients!).toBe(4_000);
    expect(s.workload.load.connections).toBe(32 * 5);
    expect(s.architectures).toEqual(['no-mesh', 'library', 'sidecar-envoy', 'cilium-ebpf', 'ambient']);
  });

  it('is within the page’s practical limits (one parse, as a link or file would be)', () => {
    expect(parseScenarioValue(SCENARIO_PRESETS['large-mesh'], 'large-mesh')).toMatchObject({ ok: true });
    expect(scenarioProblems(s)).toEqual([]);
  });

  it('touches ten services a request, a replica per 6,000 proxy passes a second, and runs 0.05 s of warm-up and 0.25 s measured a replication', () => {
    const byId = new Map(s.topology.services.map((x) => [x.id, x]));
    const path = new Set<string>();
    const walk = (id: string) => {
      path.add(id);
      byId.get(id)!.calls.forEach(walk);
    };
    walk(s.topology.entry);
    expect(path.size).toBe(10);
    // The description's rule: a service's sidecars see one pass in and one per call out per request, and
    // it has one replica per 6,000 passes a second at 20,000 rps (rounded up), so none sees more.
    for (const id of path) {
      const svc = byId.get(id)!;
      const passes = 20_000 * (1 + svc.calls.length);
      expect(svc.replicas, id).toBe(Math.ceil(passes / 6_000));
      expect(passes / svc.replicas, id).toBeLessThanOrEqual(6_000);
    }
    expect(s.workload.clients).toBe(5);
    // The idle services give the path its pods: 5 replicas, the last 18 of them 4.
    const idle = s.topology.services.filter((x) => !path.has(x.id));
    expect(idle.map((x) => x.replicas)).toEqual([...Array(372).fill(5), ...Array(18).fill(4)]);
    expect(s.topology.placement).toBe('cross-node');
    expect(s.run).toEqual({ warmupRequests: 1_000, measuredRequests: 5_000 });
    expect(s.description).toMatch(/0\.05 s and 0\.25 s of traffic/);
  });
});
