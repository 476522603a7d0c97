import { describe, expect, it } from 'vitest';
import { hostSetupAt } from '../machines/lesson/setup';
import { SCENARIO_PRESETS } from '../model/presets';
import { decodeScenarioParam } from '../model/scenarioCodec';
import { shippedLessons } from '../model/shippedLessons';
import { shippedModels } from '../model/models';
import { parseHash } from './router';
import { readParams } from './simulate/params';
import { sandboxLinks } from './lessonSandbox';

const lastSetup = (id: string) => {
  const lesson = shippedLessons().find((l) => l.id === id)!;
  return hostSetupAt(lesson, lesson.steps.length - 1);
};

describe('the sandbox’s links', () => {
  it('Compare opens the scenario the lesson ended on: its changes, no mesh and the designs, the preset’s run', () => {
    const links = sandboxLinks(lastSetup('12-choose-a-design'))!;
    const route = parseHash(links.compare);
    expect(route.name).toBe('compare');
    const parsed = decodeScenarioParam(route.params.get('s')!);
    if (!parsed.ok) throw new Error(parsed.message);
    const s = parsed.scenario;
    expect(s.features.l7Policy).toBe(true);
    expect(s.topology.waypointScope).toBe('service');
    expect(s.architectures).toEqual(['no-mesh', 'sidecar-envoy', 'cilium-ebpf', 'ambient-waypoint']);
    expect(s.run).toEqual(SCENARIO_PRESETS['pods-400'].run);
    expect(s.topology.services.length).toBe(SCENARIO_PRESETS['pods-400'].topology.services.length);
  });

  it('Simulate opens the preset with the lesson’s changes, the design and the view, as the page reads them', () => {
    const links = sandboxLinks(lastSetup('12-choose-a-design'))!;
    const route = parseHash(links.simulate);
    expect(route.name).toBe('simulate');
    expect(Object.fromEntries(route.params)).toEqual({
      preset: 'pods-400',
      arch: 'sidecar-envoy',
      view: 'trace',
      ch: '{"l7Policy":true,"waypointScope":"service"}',
    });
    const read = readParams(route.params, [...shippedModels().architectures.values()]);
    expect(read.notices).toEqual([]);
    expect(read.changes).toEqual({ l7Policy: true, waypointScope: 'service' });
    // A lesson that ends on Simulate with no changes has none in its address.
    const one = sandboxLinks(lastSetup('03-the-sidecar'))!;
    expect(parseHash(one.simulate).params.has('ch')).toBe(false);
    expect(parseHash(one.simulate).params.get('preset')).toBe(lastSetup('03-the-sidecar').preset);
  });

  it('every shipped lesson’s sandbox has both links', () => {
    for (const l of shippedLessons()) {
      const links = sandboxLinks(lastSetup(l.id));
      expect(links, l.id).not.toBeNull();
      expect(decodeScenarioParam(parseHash(links!.compare).params.get('s')!).ok, l.id).toBe(true);
      // The Simulate page takes every lesson's changes as they are, with nothing to say about them.
      const read = readParams(parseHash(links!.simulate).params, [...shippedModels().architectures.values()]);
      expect(read.notices, l.id).toEqual([]);
    }
  });

  it('before a scenario is set there are none', () => {
    expect(sandboxLinks(null)).toBeNull();
  });
});
