import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS } from './presets';
import { MODEL_VERSION, ScenarioSchema } from './scenario';

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
