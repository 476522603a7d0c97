import { Checkpoints, Simulation, type CheckpointOptions } from '../../engine';
import type { HopRecord } from '../../engine';
import { compileScenario, type CompiledScenario, walkVisits } from '../../engine';
import type { ArchitectureId } from '../../model/architecture';
import { shippedModels, type Models } from '../../model/models';
import { ScenarioSchema, type Scenario } from '../../model/scenario';
import type { SimSpec } from '../../model/simSpec';
import { buildLayout, runnableArchitectures } from './layoutData';
import { MAX_CHUNK_RECORDS } from '../../model/traceLimits';
import type { StationSamples, TraceLayout, TraceRecord, View } from './protocol';
import { byEnter, capWindowEnd, minEnterAtOrAfter } from './windows';

/**
 * One scenario on one architecture, answering the Simulate page's questions about simulated time:
 * "what happens in [from, to)" (hop records and resource samples), "what is the exact state at t",
 * and "every hop of request n". A forward stream runs the engine ahead of the page by a look-ahead
 * (hop records are written when a hop ends, so a hop in flight at t is known once the engine passes
 * its end); any other moment is rebuilt by deterministic replay — from the latest checkpoint before
 * it (a bounded set of engine snapshots taken during the first full run), so a late seek replays a
 * slice of the run rather than all of it. Nothing keeps every record of the run.
 */

/** Records kept by the engine between collections; collected well before the ring wraps. */
const RING = 1 << 15;
/** Packets the load view aims to draw at once (requests are sampled to stay near it). */
const LOAD_VIEW_PACKETS = 150;
/** The trace view draws every request unless that would exceed this many packets in flight on average. */
const TRACE_VIEW_PACKETS = 2000;
/** Samples kept per chunk at most (the step is widened to stay under it). */
const MAX_SAMPLES_PER_CHUNK = 4000;
/** Station values (samples × stations) a chunk's grid may hold at most, so a large mesh samples coarser. */
const MAX_SAMPLE_VALUES = 400_000;

export interface Chunk {
  from: number;
  to: number;
  idleFrom: number | null;
  records: TraceRecord[];
  samples: StationSamples;
  done: boolean;
}

export interface StationState {
  busy: Int32Array;
  queue: Int32Array;
}

export interface SessionOptions {
  /** Numbers replies so the page can drop those for a scenario it has left. */
  session?: number;
  models?: Models;
  /** Packets to aim for on screen (requests are sampled to stay near it); defaults by view. */
  targetPackets?: number;
  /** Bounds on the checkpoints kept for seeking ({ maxCount: 1 }: every seek replays from t = 0). */
  checkpoints?: CheckpointOptions;
}

export class TraceSession {
  readonly scenario: Scenario;
  readonly compiled: CompiledScenario;
  readonly spec: SimSpec;
  readonly layout: TraceLayout;
  private horizon: number;
  private readonly sampleEvery: number;

  // Forward stream.
  private stream!: Simulation;
  private collected = 0;
  /** Records collected but not yet sent (their window has not been asked for yet). */
  private pending: TraceRecord[] = [];
  /** Where the stream stands: the next window it can answer starts here. */
  private streamAt = -1;
  /** The stride `pending` was thinned to: a smaller one later needs the records it dropped (a replay). */
  private streamStride = 1;
  private nextSample = 0;
  private sampleStep = 0;
  private sampleTimes: number[] = [];
  private sampleBusy: number[] = [];
  private sampleQueue: number[] = [];

  /** Snapshots of the first full run, for seeking; restored into the simulations below. */
  readonly checkpoints: Checkpoints;
  /** For stateAt (no records). */
  private probe: Simulation | null = null;
  /** For history and requestRecords (the stream is left where it is). */
  private scratch: Simulation | null = null;

  constructor(scenarioInput: unknown, archId: string, view: View, opts: SessionOptions = {}) {
    const models = opts.models ?? shippedModels();
    const session = opts.session ?? 1;
    this.scenario = ScenarioSchema.parse(scenarioInput);
    if (!models.architectures.has(archId as ArchitectureId))
      throw new Error(`architecture: no model for '${archId}'`);
    this.compiled = compileScenario(this.scenario, archId as ArchitectureId, models);
    const first = new Simulation({ ...this.compiled.spec, recordCapacity: 0 });
    this.spec = { ...first.spec, recordCapacity: RING };
    this.checkpoints = new Checkpoints(opts.checkpoints);
    this.checkpoints.offer(first);
    while (first.step()) this.checkpoints.offer(first);
    // Time-average hops in flight, from the engine's per-hop sums over the measured requests.
    // Hop traversals per µs from the same sums: the page's budget for fast playback starts from it.
    let busyTime = 0;
    let traversals = 0;
    const hs = first.hopStats;
    for (let h = 0; h < hs.hops; h++) {
      busyTime += hs.waitSum(h) + hs.serviceSum(h);
      traversals += hs.count(h);
    }
    const window = first.windowEnd - first.windowStart;
    const inFlight = window > 0 ? busyTime / window : 0;
    const recordsPerUs = window > 0 ? traversals / window : 0;
    const target = opts.targetPackets ?? (view === 'load' ? LOAD_VIEW_PACKETS : TRACE_VIEW_PACKETS);
    this.sampleEvery = Math.max(1, Math.ceil(inFlight / target));
    // Look-ahead: several times a request's time on path with no queueing (every hop it visits, at its
    // expected visits; parallel branches summed, so an over-estimate), and at least 1 ms. Not the sum of
    // every hop in the spec: a large mesh's spec holds every pod pair's routes (pods-400: 170 ms, not
    // ~10), and the stream would run that far ahead of each window, sampling all the way.
    const { visits } = walkVisits(first.net, this.compiled.hops.length);
    const pathUs = this.compiled.hops.reduce((a, h, i) => a + visits[i] * h.onPathUs, 0);
    this.horizon = Math.max(1000, 4 * pathUs);

    this.layout = {
      ...buildLayout(this.scenario, this.compiled),
      session,
      view,
      architectures: runnableArchitectures(this.scenario, archId, models),
      run: {
        endUs: first.now,
        requests: sentCount(first),
        packetsInFlight: inFlight,
        sampleEvery: this.sampleEvery,
        horizonUs: this.horizon,
        recordsPerUs,
      },
    };
    this.stream = new Simulation(this.spec);
    this.resetStream(0);
  }

  get horizonUs(): number {
    return this.horizon;
  }

  /** Station values held in samples not yet sent (bounded: MAX_SAMPLE_VALUES and the next chunk's). */
  get heldSampleValues(): number {
    return this.sampleBusy.length;
  }

  private keep(r: HopRecord | TraceRecord): boolean {
    return r.request % this.sampleEvery === 0;
  }

  /** Sampling on top of `keep`: the page thins the stream at fast playback (see ChunkRequest.stride). */
  private thinned(records: readonly TraceRecord[], stride: number): TraceRecord[] {
    if (stride <= 1) return records.slice();
    const every = this.sampleEvery * stride;
    return records.filter((r) => r.request % every === 0);
  }

  /** Brings `sim` to t exactly as a replay from t = 0 would (t = 0: the initial state, no event run). */
  private seekSim(sim: Simulation, t: number): void {
    if (t > 0) this.checkpoints.seek(sim, t);
    else this.checkpoints.restore(sim, this.checkpoints.first());
  }

  private resetStream(at: number): void {
    this.seekSim(this.stream, at);
    this.collected = this.stream.records.total; // records of hops that ended before `at` are not needed
    this.pending = [];
    this.sampleTimes = [];
    this.sampleBusy = [];
    this.sampleQueue = [];
    this.nextSample = at;
    this.sampleStep = 0;
    this.streamAt = at;
  }

  /** Moves the records written since the last collection into `pending`. */
  private collect(sim: Simulation, into: TraceRecord[], since: number): number {
    const ring = sim.records;
    const total = ring.total;
    const lost = total - since - ring.capacity;
    if (lost > 0) throw new Error(`trace ring overflow (${lost} records lost)`); // collect() runs long before this
    const first = total - ring.size;
    for (let n = since; n < total; n++) {
      const r = ring.get(n - first);
      if (this.keep(r)) into.push(r);
    }
    return total;
  }

  private sampleNow(sim: Simulation, t: number): void {
    const { busy, queue } = stationState(sim);
    this.sampleTimes.push(t);
    for (let i = 0; i < busy.length; i++) {
      this.sampleBusy.push(busy[i]);
      this.sampleQueue.push(queue[i]);
    }
  }

  /** Runs the stream to `target`, taking samples on the grid and collecting records as it goes. */
  private advance(target: number, sample: boolean): void {
    const sim = this.stream;
    const half = RING >> 1;
    for (;;) {
      const next = sim.done ? Infinity : sim.nextEventTime;
      if (sample && this.sampleStep > 0)
        while (this.nextSample <= target && next > this.nextSample) {
          this.sampleNow(sim, this.nextSample);
          this.nextSample += this.sampleStep;
        }
      if (next > target) break;
      sim.step();
      if (sim.records.total - this.collected >= half)
        this.collected = this.collect(sim, this.pending, this.collected);
    }
    sim.runUntil(target);
    this.collected = this.collect(sim, this.pending, this.collected);
  }

  /**
   * Hop records overlapping [from, to) and resource samples in it, continuing (or restarting) the stream.
   * Only every `stride`-th sampled request is sent; past `maxRecords` the window ends early, at the
   * entry of the first record left out (the reply's `to`), and the next window continues from there.
   */
  chunk(
    from: number,
    to: number,
    sampleUs: number,
    skipIdle = false,
    stride = 1,
    maxRecords = MAX_CHUNK_RECORDS,
  ): Chunk {
    if (!(to > from)) to = from;
    if (from !== this.streamAt || stride < this.streamStride) this.resetStream(from);
    this.streamStride = stride;
    const span = Math.max(to - from, 1e-9);
    // The stream samples up to the end of its look-ahead, so the grid is bounded over the window and the
    // look-ahead together: a fine grid (slow playback) over a long look-ahead once held millions of samples
    // of every station and the worker died (an array past V8's limit).
    // Bounded in values too (a sample holds every station's state: 822 of them at pods-400).
    const stations = this.layout.stations.length;
    const most = Math.min(MAX_SAMPLES_PER_CHUNK, Math.max(50, Math.floor(MAX_SAMPLE_VALUES / stations)));
    this.sampleStep = sampleUs > 0 ? Math.max(sampleUs, (span + this.horizon) / most) : 0;
    if (this.nextSample < from) this.nextSample = from;
    this.advance(to + this.horizon, true);

    let idleFrom: number | null = null;
    if (skipIdle && !this.stream.done) {
      const inFlightAtTo = this.pending.some((r) => r.enter < to && r.leave > to);
      if (!inFlightAtTo) {
        // Find the next hop after `to`; nothing happens in between, so the window can end there.
        let nextEnter = minEnterAtOrAfter(this.pending, to);
        while (nextEnter === null && !this.stream.done) {
          const target = Math.max(this.stream.now, to) + Math.max(this.horizon, 1000);
          this.advance(target, false);
          nextEnter = minEnterAtOrAfter(this.pending, to);
        }
        if (nextEnter !== null && nextEnter > to) {
          idleFrom = to;
          to = nextEnter;
          this.advance(to + this.horizon, false);
          this.nextSample = Math.max(this.nextSample, to);
        }
      }
    }

    if (stride > 1) this.pending = this.thinned(this.pending, stride);
    const cap = Math.min(maxRecords, MAX_CHUNK_RECORDS);
    to = capWindowEnd(this.pending, from, to, cap);
    const out: TraceRecord[] = [];
    const keep: TraceRecord[] = [];
    let longest = 0;
    for (const r of this.pending) {
      if (r.enter < to || (r.enter === to && r.leave === to)) {
        out.push(r);
        if (r.enter < from) longest = Math.max(longest, r.leave - r.enter); // arrived late: outlasted the look-ahead
      } else keep.push(r);
    }
    this.pending = keep;
    if (longest > 0) this.horizon = Math.max(this.horizon, 2 * longest);
    out.sort(byEnter);

    const n = this.layout.stations.length;
    let k = 0;
    while (k < this.sampleTimes.length && this.sampleTimes[k] < to) k++;
    const samples: StationSamples = {
      times: Float64Array.from(this.sampleTimes.slice(0, k)),
      busy: Int32Array.from(this.sampleBusy.slice(0, k * n)),
      queue: Int32Array.from(this.sampleQueue.slice(0, k * n)),
    };
    this.sampleTimes = this.sampleTimes.slice(k);
    this.sampleBusy = this.sampleBusy.slice(k * n);
    this.sampleQueue = this.sampleQueue.slice(k * n);

    const done = this.stream.done && this.pending.length === 0;
    this.streamAt = to;
    return { from, to, idleFrom, records: out, samples, done };
  }

  private scratchSim(): Simulation {
    return (this.scratch ??= new Simulation(this.spec));
  }

  /**
   * Records overlapping [from, to) from a separate replay (the stream is left where it is), for
   * stepping back before what the page kept.
   */
  history(from: number, to: number, stride = 1, maxRecords = MAX_CHUNK_RECORDS): Chunk {
    const sim = this.scratchSim();
    this.seekSim(sim, from);
    let collected = sim.records.total;
    const got: TraceRecord[] = [];
    const target = to + this.horizon;
    while (!sim.done && sim.nextEventTime <= target) {
      sim.step();
      if (sim.records.total - collected >= RING >> 1) collected = this.collect(sim, got, collected);
    }
    this.collect(sim, got, collected);
    let out = this.thinned(got, stride)
      .filter((r) => r.enter < to && r.leave >= from)
      .sort(byEnter);
    // Past the cap, keep the records nearest `to` (a step back wants the latest ones).
    const cap = Math.min(maxRecords, MAX_CHUNK_RECORDS);
    if (out.length > cap) {
      const start = out[out.length - cap].enter;
      if (start > from) {
        from = start;
        out = out.filter((r) => r.leave >= from);
      }
    }
    return {
      from,
      to,
      idleFrom: null,
      records: out,
      samples: { times: new Float64Array(0), busy: new Int32Array(0), queue: new Int32Array(0) },
      done: false,
    };
  }

  /** The exact state of every station at t (every event at or before t applied), by replay. */
  stateAt(t: number): StationState {
    this.probe ??= new Simulation({ ...this.spec, recordCapacity: 0 });
    this.checkpoints.seek(this.probe, t);
    return stationState(this.probe);
  }

  /** Every hop record of request `seq` (sampled or not), by replay. */
  requestRecords(seq: number): TraceRecord[] {
    const sim = this.scratchSim();
    this.checkpoints.restore(sim, this.checkpoints.beforeRequest(seq)); // none of its hops has begun there
    const got: TraceRecord[] = [];
    let collected = sim.records.total;
    let lastLeave = -1;
    const take = () => {
      const ring = sim.records;
      const first = ring.total - ring.size;
      for (let n = collected; n < ring.total; n++) {
        const r = ring.get(n - first);
        if (r.request === seq) {
          got.push(r);
          lastLeave = Math.max(lastLeave, r.leave);
        }
      }
      collected = ring.total;
    };
    while (!sim.done) {
      sim.step();
      if (sim.records.total - collected >= RING >> 1) take();
      // A request's hops are contiguous in time: once it has been quiet for a look-ahead, it is over.
      if ((sim.events & 1023) === 0) {
        take();
        if (lastLeave >= 0 && sim.now > lastLeave + this.horizon) break;
      }
    }
    take();
    return got.sort(byEnter);
  }
}

/** Busy servers and waiting messages per station (affinity pools: summed over their workers). */
export function stationState(sim: Simulation): StationState {
  const st = sim.net.stations;
  const busy = new Int32Array(st.length);
  const queue = new Int32Array(st.length);
  for (let i = 0; i < st.length; i++) {
    for (let u = st[i].firstUnit; u < st[i].firstUnit + st[i].unitCount; u++) {
      busy[i] += sim.unitBusy(u);
      queue[i] += sim.queueLength(u);
    }
  }
  return { busy, queue };
}

function sentCount(sim: Simulation): number {
  const run = sim.spec.run;
  return 'warmupRequests' in run
    ? Math.min(sim.measuredSent + run.warmupRequests, run.warmupRequests + run.measuredRequests)
    : sim.measuredSent;
}
