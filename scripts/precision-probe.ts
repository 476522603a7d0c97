/**
 * How many replications each preset needs to reach a precision, and how long that takes (not a test):
 *   npx tsx scripts/precision-probe.ts [preset|default] [target %] [first round] [measured requests]
 */
import { runComparison } from '../src/engine/compare';
import { DEFAULT_SCENARIO } from '../src/app/compareModels';
import { SCENARIO_PRESETS, isScenarioPresetId } from '../src/model/presets';
import { formatPrecision, precisionRule } from '../src/model/precision';
import type { ScenarioInput } from '../src/model/scenario';

const [name = 'default', pct = '2', first = '5', measured] = process.argv.slice(2);
let scenario: ScenarioInput =
  name === 'default'
    ? DEFAULT_SCENARIO
    : isScenarioPresetId(name)
      ? (SCENARIO_PRESETS[name] as unknown as ScenarioInput)
      : DEFAULT_SCENARIO;
if (measured && 'measuredRequests' in scenario.run)
  scenario = { ...scenario, run: { ...scenario.run, measuredRequests: Number(measured) } };
const t0 = performance.now();
const r = runComparison(scenario, {
  replications: Number(first),
  precision: precisionRule(Number(pct) / 100),
});
const p = r.precision;
console.log(
  `${name}: ${p.replications} replications, reached ${formatPrecision(p.reached)} (target ${formatPrecision(p.target ?? 0)}) ` +
    `limited by ${p.limitedBy?.architecture} ${p.limitedBy?.figure}${p.atCap ? ', at the cap' : ''}; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
