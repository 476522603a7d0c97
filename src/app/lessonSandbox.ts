import type { HostSetup } from '../machines/lesson/setup';
import { isScenarioPresetId, SCENARIO_PRESETS } from '../model/presets';
import type { Scenario } from '../model/scenario';
import { encodeScenarioParam } from '../model/scenarioCodec';
import { applyScenarioChanges } from '../model/scenarioChanges';
import { routeHash } from './router';

/** A lesson's change in words, for what the Simulate link leaves out. */
const CHANGE_WORDS: Record<string, string> = {
  mtls: 'mTLS',
  l7Policy: 'L7 policy',
  telemetry: 'telemetry',
  connectionReuse: 'connection reuse',
  nodeEncryption: 'node encryption',
  placement: 'placement',
  waypointScope: 'waypoint scope',
  rps: 'request rate',
  meshPods: 'mesh size',
  retries: 'retries',
  timeoutMs: 'timeout',
  connections: 'connections',
  pacing: 'pacing',
  l7Direction: 'L7 rule direction',
};

/**
 * Where a lesson's sandbox opens the scenario it ended on: Compare with the whole scenario (the preset,
 * the lesson's changes, no mesh and the designs compared, the preset's own run length), Simulate with
 * the preset, the design shown last and the view (its address carries no other change, so it says
 * which it leaves out). Null before a step has set a scenario.
 */
export function sandboxLinks(
  setup: HostSetup | null,
): { compare: string; simulate: string; leftOut: string[] } | null {
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
  return {
    compare: routeHash('compare', new URLSearchParams({ s: encodeScenarioParam(scenario) })),
    simulate: routeHash('simulate', sim),
    leftOut: Object.keys(rest).map((k) => CHANGE_WORDS[k] ?? k),
  };
}
