/**
 * How long a preset takes to parse, compile (once per design) and estimate, step by step, and the heap
 * it holds, and the analysis after a change of rate (which reuses the designs):
 * `node --expose-gc --import tsx scripts/estimate-time.ts [preset …]`. A measurement to read,
 * not a timed test; figures are recorded in docs/benchmarks.md.
 */
import { analyseSteps } from '../src/engine/index';
import { SCENARIO_PRESET_IDS, SCENARIO_PRESETS, type ScenarioPresetId } from '../src/model/presets';
import { parseScenarioValue } from '../src/model/scenarioCodec';
import { derivedScenario } from '../src/model/valid';

const ids = (
  process.argv.slice(2).length ? process.argv.slice(2) : ['pods-400', 'large-mesh']
) as ScenarioPresetId[];
const gc = (globalThis as { gc?: () => void }).gc;
/** CPU time of this process, ms: on a shared machine it is steadier than the wall clock. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

for (const id of ids) {
  if (!SCENARIO_PRESET_IDS.includes(id)) throw new Error(`unknown preset ${id}`);
  for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
    const before = heap();
    let t = performance.now();
    const parsed = parseScenarioValue(SCENARIO_PRESETS[id], id);
    if (!parsed.ok) throw new Error(parsed.message);
    const parseMs = performance.now() - t;
    const steps: number[] = [];
    const gen = analyseSteps(parsed.scenario);
    const c0 = cpu();
    t = performance.now();
    let r = gen.next();
    const t0 = t;
    while (!r.done) {
      const now = performance.now();
      steps.push(now - t);
      t = now;
      r = gen.next();
    }
    steps.push(performance.now() - t);
    const total = performance.now() - t0;
    const cpuMs = cpu() - c0;
    const designs = r.value.compiled.length;
    const compileMs = steps.slice(0, designs).reduce((a, b) => a + b, 0);
    const held = heap() - before;
    console.log(
      `${id} round ${round + 1}: parse ${parseMs.toFixed(1)} ms; compile ${compileMs.toFixed(0)} ms (${designs} designs); ` +
        `estimate ${(total - compileMs).toFixed(0)} ms; analysis ${total.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms) in ${steps.length} steps, ` +
        `longest step ${Math.max(...steps).toFixed(0)} ms; heap held ${held.toFixed(0)} MiB`,
    );
    // A change of rate, as the Compare page's field makes it: the designs just compiled are reused.
    const changed = derivedScenario(parsed.scenario, (x) =>
      x.workload.load.kind === 'closed'
        ? x
        : { ...x, workload: { ...x.workload, load: { ...x.workload.load, rps: x.workload.load.rps + 10 } } },
    );
    const again = analyseSteps(changed, undefined, r.value.compiled);
    const longest = { ms: 0 };
    const c1 = cpu();
    const t1 = performance.now();
    let last = t1;
    for (let n = again.next(); !n.done; n = again.next()) {
      const now = performance.now();
      longest.ms = Math.max(longest.ms, now - last);
      last = now;
    }
    longest.ms = Math.max(longest.ms, performance.now() - last);
    console.log(
      `  … its rate changed: analysis ${(performance.now() - t1).toFixed(0)} ms (CPU ${(cpu() - c1).toFixed(0)} ms), ` +
        `longest step ${longest.ms.toFixed(0)} ms`,
    );
  }
}
