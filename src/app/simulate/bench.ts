import { useEffect, useState } from 'react';
import { createActor } from 'xstate';
import { playbackMachine } from '../../machines/playback';
import { TraceBuffer } from '../../machines/trace/buffer';
import { timelineOf } from '../../machines/trace/timeline';
import type { SessionView } from '../../ui/simulate/SimulatePage';
import type { TraceClient } from '../../worker/trace/client';
import type { TraceLayout, TraceRecord } from '../../worker/trace/protocol';
import { rafTicker } from './ticker';

/**
 * Benchmark mode (`#/simulate?bench=N`): the real page, scene and per-frame update, fed with N
 * synthetic packets that are always in flight, each crossing a hop every `periodUs` of simulated
 * time, played at real time. Used by scripts/bench-scene.ts; the page says it is synthetic.
 */
export function syntheticRecords(
  layout: TraceLayout,
  n: number,
  periodUs: number,
  cycles: number,
): TraceRecord[] {
  const hops = layout.hops.map((h, i) => (h.leg === 'handler' ? -1 : i)).filter((i) => i >= 0);
  const out: TraceRecord[] = [];
  for (let i = 0; i < n; i++) {
    const phase = ((i * 7919) % 1000) / 1000;
    for (let k = 0; k < cycles; k++) {
      const enter = (k - phase) * periodUs;
      out.push({
        request: i,
        hop: hops[(i * 13 + k) % hops.length],
        enter,
        queueWait: 0,
        service: periodUs,
        cpu: 0,
        leave: enter + periodUs,
        outcome: 'forwarded',
      });
    }
  }
  return out;
}

export const BENCH_PERIOD_US = 2_000_000;
const BENCH_CYCLES = 60;

export function useBenchSession(
  client: TraceClient,
  scenario: unknown,
  arch: string,
  n: number,
): SessionView {
  const [state, setState] = useState<SessionView>({ status: 'loading' });
  useEffect(() => {
    if (n <= 0) return;
    let live = true;
    let stop: (() => void) | null = null;
    client.open(scenario, arch, 'trace').then(
      (real) => {
        if (!live) return;
        try {
          start(real);
        } catch (e) {
          // Never leave the page on "Compiling…": say what failed.
          setState({ status: 'error', message: `Benchmark mode failed: ${(e as Error).message}` });
        }
      },
      (e: Error) => live && setState({ status: 'error', message: e.message }),
    );
    function start(real: TraceLayout) {
      const layout: TraceLayout = {
        ...real,
        run: { ...real.run, endUs: BENCH_PERIOD_US * (BENCH_CYCLES - 2) },
      };
      const buffer = new TraceBuffer(layout);
      buffer.addChunk({
        mode: 'stream',
        from: 0,
        to: layout.run.endUs,
        idleFrom: null,
        done: true,
        records: syntheticRecords(layout, n, BENCH_PERIOD_US, BENCH_CYCLES),
        samples: { times: new Float64Array(0), busy: new Int32Array(0), queue: new Int32Array(0) },
      });
      const actor = createActor(playbackMachine.provide({ actors: { ticker: rafTicker } }), {
        input: { timeline: timelineOf(buffer), t: BENCH_PERIOD_US, slowdown: 1, skipIdle: false },
      });
      actor.start();
      actor.send({ type: 'PLAY' });
      stop = () => actor.stop();
      setState({ status: 'ready', layout, buffer, actor });
    }
    return () => {
      live = false;
      stop?.();
    };
  }, [client, scenario, arch, n]);
  return state;
}
