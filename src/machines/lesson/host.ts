import type { ArchitectureId } from '../../model/architecture';
import type { Highlight, Predicate, Quantity } from '../../model/lesson';
import { isScenarioPresetId, SCENARIO_PRESET_IDS } from '../../model/presets';
import type { TraceLayout, TraceRecord } from '../../worker/trace/protocol';
import type { SimulateChoices, SimulateSession } from '../simulate/session';
import type { CameraTarget } from '../simulate/sessionMachine';
import {
  comparisonPlan,
  measure as measureIn,
  type ComparisonPlan,
  type ComparisonSource,
  type LessonComparison,
} from './comparison';
import type { LessonHost } from './lessonMachine';
import type { HostSetup } from './setup';
import { doneAt, finalHops, firstEntry, queueAbove, tracedSeq } from './tracePredicates';

/**
 * The lesson runner's view of the app: it shows a step's setup on the Simulate session (opened on
 * first use) and runs the step's comparison through a `ComparisonSource`. Predicates about the trace
 * read the session's clock, its layout, one request's hop records (asked of the trace worker, which
 * replays them exactly from the seed, and cached per open trace) and the buffer's resource samples.
 * Quantities come from the comparison; asking for one starts its run if none has started.
 */

export type ComparisonState =
  | { status: 'idle' }
  | { status: 'running'; plan: ComparisonPlan }
  | { status: 'done'; plan: ComparisonPlan; result: LessonComparison }
  | { status: 'error'; plan: ComparisonPlan; message: string };

export interface LessonStage extends LessonHost {
  /** The setup last applied (null before the first). */
  setup(): HostSetup | null;
  /** The Simulate session, once a step has shown the Simulate page. */
  simulate(): SimulateSession | null;
  /** The comparison for the current setup (the one a Compare step shows). */
  comparison(): ComparisonState;
  /** Changes when a setup is applied or a comparison settles (not on playback frames): for views. */
  resultsVersion(): number;
  play(): void;
  pause(): void;
  /** Pauses where a predicate about a moment came to hold (the hop entered, say), not a frame later. */
  stopAt(p: Predicate): void;
  dispose(): void;
}

export interface LessonHostDeps {
  /** Creates the Simulate session (with the trace worker and the clock) the first time it is needed. */
  openSimulate(choices: SimulateChoices): SimulateSession;
  comparisons: ComparisonSource;
}

/** The camera a lesson names, on a layout: the client's or the server's node kernel, or the packet. */
export function cameraFor(camera: NonNullable<HostSetup['camera']>, layout: TraceLayout): CameraTarget {
  if (camera === 'overview') return { kind: 'overview' };
  if (camera === 'path') return { kind: 'follow' };
  const role = camera === 'client' ? 'loadgen' : 'service';
  return { kind: 'kernel', node: layout.pods.find((p) => p.role === role)?.node ?? 0 };
}

export function createLessonHost(deps: LessonHostDeps): LessonStage {
  let current: HostSetup | null = null;
  // The current narration's highlight: given to the Simulate session now, or when it opens.
  let pointed: Highlight | null = null;
  let sim: SimulateSession | null = null;
  let unwatchSim: (() => void) | null = null;
  let unwatchPlayback: (() => void) | null = null;
  let watchedPlayback: unknown = null;
  const listeners = new Set<() => void>();
  const runs = new Map<string, ComparisonState>();
  // Hop records of traced requests, for the layout they were asked on.
  let recordsLayout: TraceLayout | null = null;
  const records = new Map<number, TraceRecord[] | 'pending'>();
  let finals: { layout: TraceLayout; hops: Set<number> } | null = null;

  let version = 0;
  const notify = () => listeners.forEach((l) => l());

  const ready = () => {
    const v = sim?.page().view;
    return v && v.status === 'ready' ? v : null;
  };

  /** Follows the session and its current playback actor (a new one per open trace). */
  const watch = (s: SimulateSession) => {
    const follow = () => {
      const v = ready();
      const pb = v ? v.actor : null;
      if (pb !== watchedPlayback) {
        unwatchPlayback?.();
        unwatchPlayback = null;
        watchedPlayback = pb;
        if (pb) {
          const sub = pb.subscribe(notify);
          unwatchPlayback = () => sub.unsubscribe();
        }
      }
      notify();
    };
    unwatchSim = s.subscribe(follow);
    follow();
  };

  const recordsOf = (layout: TraceLayout, seq: number): TraceRecord[] | null => {
    if (recordsLayout !== layout) {
      recordsLayout = layout;
      records.clear();
    }
    const got = records.get(seq);
    if (got === 'pending') return null;
    if (got) return got;
    records.set(seq, 'pending');
    const s = sim!;
    s.requestRecords(seq).then(
      (rs) => {
        if (recordsLayout !== layout) return;
        records.set(seq, rs);
        notify();
      },
      () => {
        if (recordsLayout === layout) records.delete(seq);
      },
    );
    return null;
  };

  const run = (plan: ComparisonPlan): ComparisonState => {
    const known = runs.get(plan.key);
    if (known && known.status !== 'error') return known;
    const state: ComparisonState = { status: 'running', plan };
    runs.set(plan.key, state);
    deps.comparisons.run(plan.scenario, plan.architectures).then(
      (result) => {
        runs.set(plan.key, { status: 'done', plan, result });
        version++;
        notify();
      },
      (e: unknown) => {
        runs.set(plan.key, { status: 'error', plan, message: e instanceof Error ? e.message : String(e) });
        version++;
        notify();
      },
    );
    return state;
  };

  const currentPlan = () => (current ? comparisonPlan(current) : null);

  /**
   * The simulated time at which a predicate about a moment comes to hold (a hop entered, requests done,
   * a time reached), once the records it needs are known; null otherwise (not known yet, or a
   * predicate about a state, such as a queue, rather than a moment).
   */
  const reachedAt = (p: Predicate): number | null => {
    const v = ready();
    if (!v || current?.page !== 'simulate') return null;
    const layout = v.layout;
    switch (p.kind) {
      case 'timeReached':
        return p.us;
      case 'hopReached': {
        const rs = recordsOf(layout, tracedSeq(layout, p.request));
        return rs ? firstEntry(layout, rs, p.hop) : null;
      }
      case 'requestsDone': {
        if (!finals || finals.layout !== layout) finals = { layout, hops: finalHops(layout) };
        // Ask for every request's records at once (the worker answers them in parallel).
        const all = Array.from({ length: p.n }, (_, k) => recordsOf(layout, tracedSeq(layout, k + 1)));
        let last = -Infinity;
        for (const rs of all) {
          const at = rs ? doneAt(rs, finals.hops) : null;
          if (at === null) return null;
          last = Math.max(last, at);
        }
        return last;
      }
      default:
        return null;
    }
  };

  const holdsOnTrace = (p: Predicate): boolean => {
    const v = ready();
    if (!v || current?.page !== 'simulate') return false;
    const t = sim!.snapshot().t;
    if (p.kind === 'queueAbove') return queueAbove(v.layout, v.buffer.sampleAt(t), p.station, p.n);
    const at = reachedAt(p);
    return at !== null && t >= at;
  };

  return {
    async apply(setup, { restart }) {
      if (!isScenarioPresetId(setup.preset))
        throw new Error(
          `scenario.preset: unknown preset '${setup.preset}' (one of ${SCENARIO_PRESET_IDS.join(', ')})`,
        );
      current = setup;
      version++;
      notify();
      if (setup.page === 'compare') {
        sim?.pause();
        const plan = currentPlan();
        if (plan) run(plan);
        return;
      }
      if (!setup.architecture) throw new Error('architecture: a Simulate step names the architecture shown');
      const choices: SimulateChoices = {
        presetId: setup.preset,
        seed: null,
        protocol: null,
        arch: setup.architecture,
        view: setup.view,
        changes: setup.changes,
      };
      if (!sim) {
        sim = deps.openSimulate(choices);
        sim.highlight(pointed);
        watch(sim);
      }
      const camera = setup.camera;
      const s = await sim.configure({
        choices,
        slowdown: setup.speed,
        camera: camera ? (layout) => cameraFor(camera, layout) : null,
        restart,
      });
      if (s.view.status === 'unsupported')
        throw new Error(`${s.view.architecture} cannot run this scenario: ${s.view.reasons.join('; ')}`);
      if (s.view.status === 'error') throw new Error(s.view.message);
    },
    holds(p) {
      if (p.kind === 'resultsReady') {
        const plan = currentPlan();
        return !!plan && run(plan).status === 'done';
      }
      return holdsOnTrace(p);
    },
    measure(q: Quantity) {
      if (!current) return null;
      let plan = currentPlan();
      if (!plan) return null;
      // A figure about an architecture the step does not show comes from a run with it beside no-mesh.
      if (!plan.architectures.includes(q.architecture))
        plan = comparisonPlan({
          ...current,
          page: 'compare',
          architectures: [q.architecture as ArchitectureId],
        });
      if (!plan) return null;
      const state = run(plan);
      return state.status === 'done' ? measureIn(state.result, q) : null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    highlight(h) {
      pointed = h;
      sim?.highlight(h);
    },
    setup: () => current,
    resultsVersion: () => version,
    simulate: () => sim,
    comparison() {
      const plan = currentPlan();
      return plan ? (runs.get(plan.key) ?? { status: 'idle' }) : { status: 'idle' };
    },
    play: () => sim?.play(),
    pause: () => sim?.pause(),
    stopAt(p) {
      // Playback ran on past the moment by up to a frame (more on a slow machine): back to it exactly.
      sim?.pause();
      const at = reachedAt(p);
      if (at !== null && sim && sim.snapshot().t > at) sim.seek(at);
    },
    dispose() {
      unwatchPlayback?.();
      unwatchSim?.();
      sim?.dispose();
      sim = null;
      listeners.clear();
    },
  };
}
