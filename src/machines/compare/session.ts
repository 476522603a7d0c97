import { createActor, type CallbackActorLogic, type PromiseActorLogic } from 'xstate';
import type { ScenarioEstimate } from '../../model/comparison';
import type { ComparisonView } from '../../model/comparison';
import type { ArchitectureId } from '../../model/architecture';
import type { Scenario } from '../../model/scenario';
import type { LinkPreset } from '../../model/shortLink';
import { parseScenarioValue } from '../../model/scenarioCodec';
import { isVouched, type ValidScenario } from '../../model/valid';
import { DEFAULT_PRECISION } from '../../model/precision';
import type { ConnectionsSweep } from './connectionsSweep';
import { linkKey, linkOf as linkFor, readLink } from './link';
import { compareMachine, DEFAULT_REPLICATIONS, scenarioKey, type CompareContext } from './machine';
import type {
  AnalyseOutcome,
  AnalyseInput,
  AssembleInput,
  AssembleOutcome,
  CompareProgress,
  Notice,
  RunPhase,
  ShardEvent,
  ShardInput,
  Sweep,
} from './types';

/**
 * The Compare page's session: a plain object (no React) that owns everything the page knows — the
 * scenario, its analysis (compiled once per design, estimated), the runs and the assembly of their
 * shards, the load sweep, and the link. It takes commands and publishes a snapshot; the page renders
 * snapshots and sends commands, tests drive it directly. Side effects come in as xstate actors
 * (`actors`: the analysis, one worker's shard, the assembly) and a clock (for the link's history
 * entries only); the machine itself has no timers.
 */

export interface Clock {
  now(): number;
}

export interface CompareActors {
  /** Compiles the scenario once per design and estimates it; stops (cancels) when the actor is stopped. */
  analyse: PromiseActorLogic<AnalyseOutcome, AnalyseInput>;
  /** One worker's share of a comparison's runs: sends SHARD_PROGRESS and SHARD_DONE; cancels when stopped. */
  shard: CallbackActorLogic<ShardEvent, ShardInput>;
  /** The comparison from every shard's runs and the compiled designs. */
  assemble: PromiseActorLogic<AssembleOutcome, AssembleInput>;
}

export interface CompareSessionOptions {
  /** The scenario to open with (the link's, or the default), validated. */
  scenario: ValidScenario;
  replications?: number;
  /** Precision target (relative half-width); null: exactly `replications`; the default target when absent. */
  precision?: number | null;
  /** Shown at start (e.g. why a link could not be opened). */
  notice?: Notice | null;
  /** Shards a comparison is split into: one per worker the shard actor can reach. */
  workers?: number;
  actors: CompareActors;
  /** For the link's history entries only (consecutive changes within a second share one). */
  clock?: Clock;
  /** The link says `embed=1`: keep it in the links the session writes. */
  embed?: boolean;
  /** Key of the link the session was opened from (already read): it is not opened again. */
  openedFrom?: string;
  /** The preset the opening link is based on (a short link's): the title says “edited from” it if they differ. */
  openedPreset?: LinkPreset;
}

/** Where the page's link should point, and whether the change replaces the current history entry. */
export interface SessionLink {
  /** `s`, `r` (and `embed`) as URL parameters. */
  params: string;
  /** Identity of the link's scenario (its `s` and `r`): the same link read back is not parsed again. */
  key: string;
  /** A burst of changes (typing a number) shares one history entry; the first link replaces a bare one. */
  replace: boolean;
}

export interface CompareSnapshot {
  phase: RunPhase;
  scenario: ValidScenario;
  replications: number;
  precision: number | null;
  /** The shown result is a finished round and the next round is running (its figures will tighten). */
  refining: boolean;
  /** A scenario has been accepted, so Run can simulate it. */
  canRun: boolean;
  estimate: ScenarioEstimate | null;
  /** The estimate is the previous scenario's: the current one is being estimated (or was refused). */
  estimateStale: boolean;
  /** The simulation result, only when it belongs to the current scenario. */
  result: ComparisonView | null;
  simulated: boolean;
  progress: CompareProgress | null;
  notice: Notice | null;
  /** The load sweep of the current result. */
  sweep: Sweep | null;
  /** The connections sweep of the current scenario (run on demand: `sweepConnections`). */
  connections: ConnectionsSweep | null;
  /** The scenario as last loaded (link, preset, file), to name it until it is edited. */
  origin: { key: string; name?: string };
  /** What the page calls the scenario: its own name, or “Custom (edited from …)” once edited. */
  title: { text: string; edited: boolean };
  /** The link of the last accepted scenario. */
  link: SessionLink | null;
}

export interface CompareSession {
  getSnapshot(): CompareSnapshot;
  subscribe(listener: (s: CompareSnapshot) => void): () => void;
  /** An edit of the scenario (validated here, once); an invalid one is refused with the field and kept out. */
  setScenario(scenario: Scenario, replications?: number): void;
  setArchitectures(architectures: ArchitectureId[]): void;
  setReplications(replications: number): void;
  /** The precision target (relative half-width), or null for exactly the replications set. */
  setPrecision(precision: number | null): void;
  /** A scenario loaded whole (a preset, a file): it names the scenario until edited. */
  load(scenario: Scenario, notice?: string): void;
  /** The page's link changed (back/forward, a pasted link): opened unless it is the session's own. */
  openLink(params: URLSearchParams): void;
  run(): void;
  /** Simulates the scenario at 1 … 64 client connections (stops a running load sweep first). */
  sweepConnections(): void;
  cancel(): void;
  notify(notice: Notice | null): void;
  stop(): void;
}

const HISTORY_COALESCE_MS = 1_000;
const LABEL = 'The scenario';

const originOf = (s: Scenario) => ({ key: JSON.stringify(s), name: s.name });

export function createCompareSession(opts: CompareSessionOptions): CompareSession {
  const machine = compareMachine.provide({ actors: opts.actors });
  const actor = createActor(machine, {
    input: {
      scenario: opts.scenario,
      replications: opts.replications ?? DEFAULT_REPLICATIONS,
      precision: opts.precision === undefined ? DEFAULT_PRECISION : opts.precision,
      workers: opts.workers ?? 1,
      notice: opts.notice ?? null,
    },
  });
  const clock = opts.clock;
  let origin = opts.openedPreset ?? originOf(opts.scenario);
  let link: SessionLink | null = null;
  let linkAt: number | null = null;
  let linkOf: CompareContext['accepted'] = null;
  /** The last link handled (written here or opened), so reading it back does nothing. */
  let seenKey: string | null = opts.openedFrom ?? null;
  let snapshot: CompareSnapshot;
  /** The title, worked out again only when the scenario or the origin changes. */
  let titled: { scenario: Scenario | null; origin: typeof origin; title: CompareSnapshot['title'] } = {
    scenario: null,
    origin,
    title: { text: '', edited: false },
  };
  const listeners = new Set<(s: CompareSnapshot) => void>();
  /** The current scenario's key, worked out once per change rather than on every progress update. */
  let keyed: { scenario: Scenario; replications: number; precision: number | null; key: string } | null =
    null;
  const currentKey = (c: CompareContext): string => {
    if (
      keyed?.scenario !== c.scenario ||
      keyed.replications !== c.replications ||
      keyed.precision !== c.precision
    )
      keyed = {
        scenario: c.scenario,
        replications: c.replications,
        precision: c.precision,
        key: scenarioKey(c.scenario, c.replications, c.precision),
      };
    return keyed.key;
  };

  const phaseOf = (value: unknown): RunPhase =>
    value === 'estimating'
      ? 'estimating'
      : value === 'running' || value === 'assembling'
        ? 'running'
        : value === 'idle'
          ? 'idle'
          : 'sweeping';

  function build(): CompareSnapshot {
    const s = actor.getSnapshot();
    const c = s.context;
    if (c.accepted !== linkOf) {
      linkOf = c.accepted;
      if (c.accepted) {
        const { scenario, replications, precision } = c.accepted;
        const written = linkFor(scenario, replications, precision, opts.embed);
        const key = written.key;
        if (key !== link?.key) {
          const params = written.params.toString();
          if (key === seenKey) {
            // The link the page was opened with (or just followed): already in the URL, nothing is written.
            link = { params, key, replace: true };
          } else {
            const now = clock?.now() ?? null;
            const burst = now !== null && linkAt !== null && now - linkAt < HISTORY_COALESCE_MS;
            link = { params, key, replace: link === null || burst };
            linkAt = now;
            seenKey = key;
          }
        }
      }
    }
    if (titled.scenario !== c.scenario || titled.origin !== origin) {
      const edited = origin.key !== JSON.stringify(c.scenario);
      const text = edited
        ? `Custom${origin.name ? ` (edited from “${origin.name}”)` : ''}`
        : (c.scenario.name ?? 'Unnamed scenario');
      titled = { scenario: c.scenario, origin, title: { text, edited } };
    }
    const current = currentKey(c);
    const simulated = c.result !== null && c.resultKey === current;
    const phase = phaseOf(s.value);
    return {
      phase,
      scenario: c.scenario,
      replications: c.replications,
      precision: c.precision,
      refining: simulated && phase === 'running' && c.rounds !== null,
      canRun: c.accepted !== null,
      estimate: c.estimate,
      estimateStale: c.estimate !== null && c.accepted !== null && c.accepted.scenario !== c.scenario,
      result: simulated ? c.result : null,
      simulated,
      progress: c.progress,
      notice: c.notice,
      sweep: c.sweep && c.sweep.key === current ? c.sweep : null,
      connections: c.connections && c.connections.key === current ? c.connections : null,
      origin,
      title: titled.title,
      link,
    };
  }

  function publish() {
    const next = build();
    // Keep the previous object when nothing changed, so subscribers can compare by reference.
    const prev = snapshot;
    if (prev && (Object.keys(next) as (keyof CompareSnapshot)[]).every((k) => next[k] === prev[k])) return;
    snapshot = next;
    for (const l of listeners) l(snapshot);
  }

  actor.subscribe(publish);
  actor.start();
  snapshot = build();

  const setScenario = (input: Scenario, replications?: number) => {
    // Parsed once, here, where an edit enters; a trusted scenario (a preset, a link) is taken as it is.
    let scenario: ValidScenario;
    if (isVouched(input)) scenario = input as ValidScenario;
    else {
      const parsed = parseScenarioValue(input, LABEL);
      if (!parsed.ok) {
        actor.send({
          type: 'NOTICE',
          notice: { kind: 'error', text: `${parsed.message} The previous scenario is kept.` },
        });
        return;
      }
      scenario = parsed.scenario;
    }
    actor.send({ type: 'SET_SCENARIO', scenario, replications });
  };

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setScenario,
    setArchitectures: (architectures) => setScenario({ ...snapshot.scenario, architectures }),
    setReplications: (replications) => setScenario(snapshot.scenario, replications),
    setPrecision: (precision) => actor.send({ type: 'SET_SCENARIO', scenario: snapshot.scenario, precision }),
    load(scenario, notice) {
      origin = originOf(scenario);
      setScenario(scenario);
      if (notice) actor.send({ type: 'NOTICE', notice: { kind: 'info', text: notice } });
      publish();
    },
    openLink(params) {
      const s = params.get('s');
      if (s === null) return;
      // The link the session wrote (or one already opened) comes back from the router: not parsed again.
      if (linkKey(s, params.get('r'), params.get('p')) === seenKey) return;
      const { requested } = readLink(params);
      if (!requested) return;
      seenKey = requested.key;
      if ('error' in requested) {
        actor.send({
          type: 'NOTICE',
          notice: { kind: 'error', text: `${requested.error} The current scenario is kept.` },
        });
        return;
      }
      origin = requested.preset ?? originOf(requested.scenario);
      const c = actor.getSnapshot().context;
      if (
        scenarioKey(c.scenario, c.replications, c.precision) !==
        scenarioKey(requested.scenario, requested.replications, requested.precision)
      )
        actor.send({
          type: 'SET_SCENARIO',
          scenario: requested.scenario,
          replications: requested.replications,
          precision: requested.precision,
        });
      if (requested.notice) actor.send({ type: 'NOTICE', notice: { kind: 'info', text: requested.notice } });
      publish();
    },
    run: () => actor.send({ type: 'RUN' }),
    sweepConnections: () => actor.send({ type: 'SWEEP_CONNECTIONS' }),
    cancel: () => actor.send({ type: 'CANCEL' }),
    notify: (notice) => actor.send({ type: 'NOTICE', notice }),
    stop: () => actor.stop(),
  };
}
