import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESETS } from './presets';
import { ScenarioSchema } from './scenario';
import { applyScenarioChanges, changesKey, sameChanges } from './scenarioChanges';

const preset = (id: keyof typeof SCENARIO_PRESETS) =>
  structuredClone(SCENARIO_PRESETS[id]) as unknown as Record<string, unknown>;

describe('scenario changes a lesson makes on a preset', () => {
  it('writes each change to the Scenario field it names, and the result validates', () => {
    const base = preset('istio-benchmark');
    const s = ScenarioSchema.parse(
      applyScenarioChanges(base, {
        mtls: false,
        l7Policy: true,
        telemetry: false,
        connectionReuse: false,
        nodeEncryption: true,
        placement: 'same-node',
        waypointScope: 'service',
        rps: 250,
        retries: 3,
        timeoutMs: 12,
        protocol: 'grpc',
      }),
    );
    expect(s.features).toMatchObject({
      mtls: false,
      l7Policy: true,
      telemetry: false,
      connectionReuse: false,
      nodeEncryption: true,
      retries: 3,
      timeoutMs: 12,
    });
    expect(s.topology.placement).toBe('same-node');
    expect(s.topology.waypointScope).toBe('service');
    expect(s.workload.protocol).toBe('grpc');
    // Paced load keeps its kind, connections and pacing options; only the rate changes.
    expect(s.workload.load).toMatchObject({ ...SCENARIO_PRESETS['istio-benchmark'].workload.load, rps: 250 });
    expect(s.workload.load).toMatchObject({ kind: 'paced', connections: 16 });
    // The preset itself is untouched.
    expect(SCENARIO_PRESETS['istio-benchmark'].features.mtls).toBe(true);
  });

  it('scales the mesh in the preset’s services-per-pod ratio, never below what is simulated', () => {
    const at = (pods: number) =>
      ScenarioSchema.parse(applyScenarioChanges(preset('istio-benchmark'), { meshPods: pods })).topology.mesh;
    // Istio's load-test mesh: 1000 services over 2000 pods, in namespaces of 20 (kept as the mesh scales).
    expect(at(400)).toEqual({ services: 200, pods: 400, servicesPerNamespace: 20 });
    expect(at(10)).toEqual({ services: 5, pods: 10, servicesPerNamespace: 20 });
    // One pod asked for: the simulated load generator and server still exist.
    expect(at(1)).toEqual({ services: 1, pods: 2, servicesPerNamespace: 20 });
    // A preset without a mesh size: the simulated services and pods are its ratio (1 service, 2 pods).
    const s = ScenarioSchema.parse(applyScenarioChanges(preset('one-request-slowly'), { meshPods: 100 }));
    expect(s.topology.mesh).toEqual({ services: 50, pods: 100 });
  });

  it('turns closed load into open load at the rate asked, over the same connections', () => {
    const s = ScenarioSchema.parse(applyScenarioChanges(preset('one-request-slowly'), { rps: 50 }));
    expect(s.workload.load).toEqual({ kind: 'open', rps: 50, connections: 1 });
  });

  it("sets the load's connections and pacing as Fortio's -c, -uniform and -jitter, and the L7 rule's side", () => {
    const s = ScenarioSchema.parse(
      applyScenarioChanges(preset('istio-benchmark'), {
        connections: 64,
        pacing: 'jitter',
        l7Direction: 'egress',
      }),
    );
    expect(s.workload.load).toEqual({
      kind: 'paced',
      rps: 1000,
      connections: 64,
      uniform: false,
      jitter: true,
      noCatchUp: true,
    });
    expect(s.features.l7Direction).toBe('egress');
    // Open load at its rate becomes paced: together, with neither option.
    const open = ScenarioSchema.parse(
      applyScenarioChanges(preset('fan-out-under-load'), { pacing: 'together' }),
    );
    expect(open.workload.load).toMatchObject({
      kind: 'paced',
      rps: 2000,
      connections: 64,
      uniform: false,
      jitter: false,
    });
    // Connections alone keep the load's kind.
    const closed = ScenarioSchema.parse(
      applyScenarioChanges(preset('one-request-slowly'), { connections: 4 }),
    );
    expect(closed.workload.load).toMatchObject({ kind: 'closed', connections: 4 });
  });

  it('a closed loop has no rate to pace: the scenario it makes is refused, naming the rate', () => {
    const r = ScenarioSchema.safeParse(
      applyScenarioChanges(preset('one-request-slowly'), { pacing: 'uniform' }),
    );
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('workload.load.rps');
  });

  it('returns the base itself for no changes, and compares changes by what they say', () => {
    const base = preset('nodes-30');
    expect(applyScenarioChanges(base, null)).toBe(base);
    expect(sameChanges({ mtls: true, rps: 3 }, { rps: 3, mtls: true })).toBe(true);
    expect(sameChanges({ mtls: true }, { mtls: false })).toBe(false);
    expect(sameChanges(null, {} as never)).toBe(true);
    expect(changesKey({ rps: 3, mtls: true })).toBe('[["mtls",true],["rps",3]]');
  });
});
