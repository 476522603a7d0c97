import type { HostSetup } from '../machines/lesson/setup';
import { isScenarioPresetId, SCENARIO_PRESETS } from '../model/presets';
import type { Scenario } from '../model/scenario';
import { encodeScenarioParam } from '../model/scenarioCodec';
import { applyScenarioChanges } from '../model/scenarioChanges';
import { routeHash } from './router';

/**
 * Where a lesson's sandbox opens the scenario it ended on: Compare with the whole scenario (the preset,
 * the lesson's changes, no mesh and the designs compared, the preset's own run length), Simulate with
 * the preset, its changes (`proto` and `ch`), the design shown last and the view. Null before a step
 * has set a scenario.
 */
export function sandboxLinks(setup: HostSetup | null): { compare: string; simulate: string } | null {
  if (!setup || !isScenarioPresetId(setup.preset)) return null;
  const shown =
    setup.page === 'compare' ? setup.architectures : setup.architecture ? [setup.architecture] : [];
  const scenario = {
    ...applyScenarioChanges(
      SCENARIO_PRESETS[setup.preset] as unknown as Record<string, unknown>,
      setup.changes,
    ),
    architectures: [...new Set(['no-mesh', ...shown])],
  } as unknown as Scenario;
  const arch = setup.architecture ?? setup.architectures[0] ?? 'no-mesh';
  const sim = new URLSearchParams({ preset: setup.preset, arch, view: setup.view });
  const { protocol, ...rest } = setup.changes ?? {};
  if (protocol) sim.set('proto', protocol);
  if (Object.keys(rest).length > 0) sim.set('ch', JSON.stringify(rest));
  return {
    compare: routeHash('compare', new URLSearchParams({ s: encodeScenarioParam(scenario) })),
    simulate: routeHash('simulate', sim),
  };
}
