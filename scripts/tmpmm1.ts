import { Simulation } from '../src/engine/simulation';
import { mmc } from '../src/engine/fixtures';
const N = 1_000_000;
for (let r = 0; r < 4; r++) {
  const t0 = process.hrtime.bigint();
  const sim = new Simulation(mmc({ lambda: 0.8, mu: 1, servers: 1, warmup: 0, measured: N, seed: 1 }));
  sim.run();
  console.log(Number(process.hrtime.bigint() - t0) / 1e9, sim.events);
}
