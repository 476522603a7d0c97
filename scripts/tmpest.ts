import { analyseSteps } from '../src/engine/scenario/analyse';
import { SCENARIO_PRESETS } from '../src/model/presets';
import { validScenario } from '../src/model/valid';
const preset = process.argv[2] ?? 'pods-400';
const sc: any = (validScenario as any)(SCENARIO_PRESETS[preset as 'pods-400']);
for (let rep = 0; rep < 15; rep++) {
  const steps = analyseSteps(sc);
  const times: number[] = [];
  let t = performance.now();
  const t0 = t;
  for (;;) { const n = steps.next(); const now = performance.now(); times.push(+(now - t).toFixed(1)); t = now; if (n.done) break; }
  console.log(preset, 'total', (t - t0).toFixed(0), 'ms; steps', times.join(' '));
}
