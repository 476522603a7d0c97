import { describe, expect, it } from 'vitest';
import { hostSetupAt } from '../machines/lesson/setup';
import { SCENARIO_PRESETS } from '../model/presets';
import { decodeScenarioParam } from '../model/scenarioCodec';
import { shippedLessons } from '../model/shippedLessons';
import { parseHash } from './router';
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

  it('Simulate opens the preset with the design and view, and says which changes its address cannot carry', () => {
    const links = sandboxLinks(lastSetup('12-choose-a-design'))!;
    const route = parseHash(links.simulate);
    expect(route.name).toBe('simulate');
    expect(Object.fromEntries(route.params)).toEqual({
      preset: 'pods-400',
      arch: 'sidecar-envoy',
      view: 'trace',
    });
    expect(links.leftOut).toEqual(['L7 policy', 'waypoint scope']);
    // A lesson that ends on Simulate with no changes leaves nothing out.
    const one = sandboxLinks(lastSetup('03-the-sidecar'))!;
    expect(one.leftOut).toEqual([]);
    expect(parseHash(one.simulate).params.get('preset')).toBe(lastSetup('03-the-sidecar').preset);
  });

  it('every shipped lesson’s sandbox has both links', () => {
    for (const l of shippedLessons()) {
      const links = sandboxLinks(lastSetup(l.id));
      expect(links, l.id).not.toBeNull();
      expect(decodeScenarioParam(parseHash(links!.compare).params.get('s')!).ok, l.id).toBe(true);
    }
  });

  it('before a scenario is set there are none', () => {
    expect(sandboxLinks(null)).toBeNull();
  });
});
