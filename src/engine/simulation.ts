import { SimSpecSchema, type SimSpec, type SimSpecInput } from '../model/simSpec';
import * as compile from './compile';
import type { Compiled } from './compile';
import { makeSampler, type Sampler } from './distributions';
import { EventQueue } from './eventQueue';
import { LatencyHistogram } from './histogram';
import { IntQueue } from './intQueue';
import * as records from './records';
import { HopRecordRing, HopSummaries } from './records';
import * as table from './requestTable';
import { RequestTable } from './requestTable';
import { createStream, type RandomStream } from './rng';

// Imported constants copied into module scope: the hot loop then reads plain locals, whatever the
// module format (CommonJS interop turns imported bindings into getter calls).
const { STEP_CALL_SEQUENTIAL, STEP_CHOOSE, STEP_HOP, POLICY_CONNECTION, POLICY_RANDOM } = compile;
const { OUTCOME_DROPPED, OUTCOME_FORWARDED, OUTCOME_QUEUED } = records;
const { FLAG_FAILED, FLAG_MEASURED, FLAG_POST } = table;

// Event kinds. Completions sort before window marks, which sort before new work at the same instant.
const K_ARRIVAL = 0;
const K_SEND = 1;
const K_CPU_DONE = 2;
const K_DELAY_DONE = 3;
const K_WINDOW_START = 4;
const K_WINDOW_END = 5;
const PRIORITY = [2, 2, 0, 0, 1, 1];

/**
 * The discrete-event simulation of requests crossing costed hops. Time is float64 microseconds:
 * hop costs are fractions of a µs to ms, IEEE-754 add/multiply are exact-rounded in every JS engine
 * (so results are reproducible), and 53 bits keep sub-ns resolution for runs of many simulated days.
 */
export class Simulation {
  readonly spec: SimSpec;
  readonly net: Compiled;
  now = 0;
  events = 0;
  done = false;

  readonly records: HopRecordRing;
  readonly hopStats: HopSummaries;
  readonly latencyIntended = new LatencyHistogram();
  readonly latencyActual = new LatencyHistogram();

  // Queue units: a shared station has one unit with c servers; an affinity pool has c units of one.
  readonly unitBusy: Int32Array;
  private readonly unitQueue: IntQueue[];
  readonly unitBusyArea: Float64Array;
  readonly unitQueueArea: Float64Array;
  private readonly unitLast: Float64Array;

  /** CPU µs consumed during the measurement window, per hop and class (post-response work included). */
  readonly hopCpuUs: Float64Array;

  private readonly q = new EventQueue();
  private readonly ev = { time: 0, kind: 0, arg: 0 };
  private readonly req = new RequestTable();

  private readonly cpuSampler: (Sampler | null)[];
  private readonly delaySampler: (Sampler | null)[];
  private readonly postSampler: (Sampler | null)[];
  private readonly cpuStream: (RandomStream | null)[];
  private readonly delayStream: (RandomStream | null)[];
  private readonly arrivalStream: RandomStream;
  private readonly lbStream: RandomStream;
  /** Round-robin position of each choose step. */
  private readonly chooserNext: Float64Array;
  private readonly thinkStream: RandomStream;
  private readonly thinkSampler: Sampler | null;
  private readonly hopCrossings: Int32Array;
  private readonly hopCopies: Int32Array;
  private readonly hopCtx: Int32Array;

  // Load generation.
  private readonly countMode: boolean;
  private readonly warmup: number;
  private readonly measuredTarget: number;
  private readonly connIntended: Float64Array;
  private readonly pacedInterval: number;
  private readonly interarrival: Sampler | null;
  private sent = 0;
  private genStopped = false;

  // Measurement window and counts.
  measuring = false;
  windowStart = NaN;
  windowEnd = NaN;
  measuredSent = 0;
  measuredDone = 0;
  measuredFailed = 0;
  private measuredInFlight = 0;
  /** Top-level requests in the system, and its time integral over the window (for Little's law). */
  inSystem = 0;
  inSystemArea = 0;
  private inSystemLast = 0;
  /** Sums over measured, successful requests. */
  readonly perRequest = { hops: 0, kernelCrossings: 0, copies: 0, contextSwitches: 0, cpuUs: 0 };

  constructor(input: SimSpecInput | SimSpec) {
    this.spec = SimSpecSchema.parse(input);
    const spec = this.spec;
    this.net = compile.compileSpec(spec);
    const net = this.net;
    this.records = new HopRecordRing(spec.recordCapacity);
    const nh = spec.hops.length;
    this.hopStats = new HopSummaries(nh);
    this.hopCpuUs = new Float64Array(nh * 2);

    this.unitBusy = new Int32Array(net.unitCount);
    this.unitQueue = Array.from({ length: net.unitCount }, () => new IntQueue());
    this.unitBusyArea = new Float64Array(net.unitCount);
    this.unitQueueArea = new Float64Array(net.unitCount);
    this.unitLast = new Float64Array(net.unitCount);

    const stationStreams = net.stations.map((s) => createStream(spec.seed, `service:${s.id}`));
    this.cpuSampler = spec.hops.map((h) => (h.cpu ? makeSampler(h.cpu.service) : null));
    this.postSampler = spec.hops.map((h) => (h.post ? makeSampler(h.post) : null));
    this.delaySampler = spec.hops.map((h) => (h.delay ? makeSampler(h.delay) : null));
    this.cpuStream = spec.hops.map((_, i) => (net.hopCpu[i] >= 0 ? stationStreams[net.hopCpu[i]] : null));
    this.delayStream = spec.hops.map((h) => (h.delay ? createStream(spec.seed, `delay:${h.id}`) : null));
    this.hopCrossings = Int32Array.from(spec.hops, (h) => h.counters.kernelCrossings);
    this.hopCopies = Int32Array.from(spec.hops, (h) => h.counters.copies);
    this.hopCtx = Int32Array.from(spec.hops, (h) => h.counters.contextSwitches);

    this.arrivalStream = createStream(spec.seed, 'arrivals');
    this.lbStream = createStream(spec.seed, 'balancing');
    this.chooserNext = new Float64Array(net.choosers);
    this.thinkStream = createStream(spec.seed, 'think');
    const load = spec.load;
    this.thinkSampler = load.kind === 'closed' ? makeSampler(load.think) : null;
    this.interarrival = load.kind === 'open' ? makeSampler({ kind: 'exponential', mean: 1e6 / load.rps }) : null;
    const conns = load.connections;
    this.pacedInterval = load.kind === 'paced' ? (conns * 1e6) / load.rps : 0;
    this.connIntended = new Float64Array(conns);

    const run = spec.run;
    this.countMode = 'measuredRequests' in run;
    this.warmup = 'measuredRequests' in run ? run.warmupRequests : 0;
    this.measuredTarget = 'measuredRequests' in run ? run.measuredRequests : 0;
    if (!this.countMode && 'durationUs' in run) {
      this.q.push(run.warmupUs, PRIORITY[K_WINDOW_START], K_WINDOW_START, 0);
      this.q.push(run.warmupUs + run.durationUs, PRIORITY[K_WINDOW_END], K_WINDOW_END, 0);
    }

    if (load.kind === 'open') {
      this.q.push(this.arrivalGap(), PRIORITY[K_ARRIVAL], K_ARRIVAL, 0);
    } else if (load.kind === 'closed') {
      for (let c = 0; c < conns; c++) this.q.push(this.thinkSampler!(this.thinkStream), PRIORITY[K_SEND], K_SEND, c);
    } else {
      for (let c = 0; c < conns; c++) {
        this.connIntended[c] = (c * this.pacedInterval) / conns; // staggered, as Fortio's goroutines drift apart
        this.q.push(this.connIntended[c], PRIORITY[K_SEND], K_SEND, c);
      }
    }
  }

  /** Processes the next event. Returns false when the run is complete. */
  step(): boolean {
    if (this.done) return false;
    if (!this.q.popInto(this.ev)) {
      this.finish();
      return false;
    }
    this.now = this.ev.time;
    this.events++;
    this.dispatch(this.ev.kind, this.ev.arg);
    if (this.genStopped && this.measuredInFlight === 0) this.finish();
    return !this.done;
  }

  /** Processes every event at or before `t` (simulated µs), then sets the clock to `t` if still running. */
  runUntil(t: number): void {
    while (!this.done && this.q.peekTime() <= t) this.step();
    if (!this.done && t > this.now) this.now = t;
  }

  /** Runs to the end of the measurement. */
  run(): this {
    while (this.step());
    return this;
  }

  /** Time of the next pending event (Infinity when none). */
  get nextEventTime(): number {
    return this.q.peekTime();
  }

  get requestsInFlight(): number {
    return this.inSystem;
  }

  /** Waiting requests at a queue unit right now. */
  queueLength(unit: number): number {
    return this.unitQueue[unit].length;
  }

  private dispatch(kind: number, arg: number): void {
    switch (kind) {
      case K_CPU_DONE: return this.cpuDone(arg);
      case K_DELAY_DONE: return this.leaveHop(arg);
      case K_ARRIVAL: return this.openArrival();
      case K_SEND: return this.connSend(arg);
      case K_WINDOW_START: return this.startWindow();
      case K_WINDOW_END: return this.stopGeneration();
    }
  }

  // ---- load generation -------------------------------------------------------------------------

  private arrivalGap(): number {
    return this.interarrival!(this.arrivalStream);
  }

  private openArrival(): void {
    if (this.genStopped) return;
    const conns = this.spec.load.connections;
    const n = this.sent;
    if (!this.admit()) return;
    this.startRequest(n % conns, this.now);
    this.q.push(this.now + this.arrivalGap(), PRIORITY[K_ARRIVAL], K_ARRIVAL, 0);
  }

  private connSend(c: number): void {
    if (this.genStopped) return;
    if (!this.admit()) return;
    const intended = this.spec.load.kind === 'paced' ? this.connIntended[c] : this.now;
    this.startRequest(c, intended);
  }

  /** Counts a new request against the run length; false when generation has stopped. */
  private admit(): boolean {
    if (this.countMode) {
      if (this.sent === this.warmup) this.startWindow();
      if (this.sent === this.warmup + this.measuredTarget) {
        this.stopGeneration();
        return false;
      }
    }
    this.sent++;
    return true;
  }

  private startWindow(): void {
    this.measuring = true;
    this.windowStart = this.now;
    this.inSystemLast = this.now;
    for (let u = 0; u < this.unitLast.length; u++) {
      this.unitLast[u] = this.now;
      this.unitBusyArea[u] = 0;
      this.unitQueueArea[u] = 0;
    }
  }

  private stopGeneration(): void {
    if (this.genStopped) return;
    this.genStopped = true;
    if (this.measuring) {
      this.accrueInSystem();
      for (let u = 0; u < this.unitLast.length; u++) this.accrueUnit(u);
      this.measuring = false;
      this.windowEnd = this.now;
    }
  }

  private startRequest(conn: number, intended: number): void {
    const R = this.req;
    const r = R.alloc();
    const measured = this.countMode
      ? this.sent - 1 >= this.warmup
      : intended >= this.windowStart && this.measuring;
    R.seq[r] = this.sent - 1;
    R.route[r] = this.net.entry;
    R.step[r] = -1;
    R.parent[r] = -1;
    R.root[r] = r;
    R.conn[r] = conn;
    R.flags[r] = measured ? FLAG_MEASURED : 0;
    R.intended[r] = intended;
    R.actual[r] = this.now;
    R.heldUnit[r] = -1;
    R.crossings[r] = 0; R.copies[r] = 0; R.ctxSwitches[r] = 0; R.hops[r] = 0; R.cpuUs[r] = 0;
    if (measured) {
      this.measuredSent++;
      this.measuredInFlight++;
    }
    this.accrueInSystem();
    this.inSystem++;
    this.advance(r);
  }

  private finishTopLevel(r: number): void {
    const R = this.req;
    this.accrueInSystem();
    this.inSystem--;
    const flags = R.flags[r];
    if (flags & FLAG_MEASURED) {
      this.measuredInFlight--;
      if (flags & FLAG_FAILED) this.measuredFailed++;
      else {
        this.measuredDone++;
        this.latencyIntended.record(this.now - R.intended[r]);
        this.latencyActual.record(this.now - R.actual[r]);
        const p = this.perRequest;
        p.hops += R.hops[r]; p.kernelCrossings += R.crossings[r]; p.copies += R.copies[r];
        p.contextSwitches += R.ctxSwitches[r]; p.cpuUs += R.cpuUs[r];
      }
    }
    const c = R.conn[r];
    const intended = R.intended[r];
    R.release(r);
    const load = this.spec.load;
    if (this.genStopped) return;
    if (load.kind === 'closed') {
      this.q.push(this.now + this.thinkSampler!(this.thinkStream), PRIORITY[K_SEND], K_SEND, c);
    } else if (load.kind === 'paced') {
      const next = intended + this.pacedInterval;
      this.connIntended[c] = next;
      this.q.push(next > this.now ? next : this.now, PRIORITY[K_SEND], K_SEND, c);
    }
  }

  // ---- routes ----------------------------------------------------------------------------------

  /** Moves a slot to its route's next step, or finishes the route. */
  private advance(r: number): void {
    const R = this.req;
    const route = this.net.routes[R.route[r]];
    const s = ++R.step[r];
    if (s >= route.stepType.length) return this.finishRoute(r);
    const type = route.stepType[s];
    if (type === STEP_HOP) return this.enterHop(r, route.stepArg[s]);
    const call = route.stepArg[s];
    const targets = route.calls[call];
    if (type === STEP_CHOOSE) {
      R.pending[r] = 1;
      this.spawnCall(r, targets[this.pick(route.policy[call], route.chooser[call], targets.length, R.conn[r])]);
      return;
    }
    if (type === STEP_CALL_SEQUENTIAL) {
      R.pending[r] = 1;
      R.callIndex[r] = 0;
      this.spawnCall(r, targets[0]);
    } else {
      R.pending[r] = targets.length;
      for (let i = 0; i < targets.length; i++) this.spawnCall(r, targets[i]);
    }
  }

  private pick(policy: number, chooser: number, n: number, conn: number): number {
    if (policy === POLICY_CONNECTION) return conn % n;
    if (policy === POLICY_RANDOM) return Math.floor(this.lbStream.next01() * n);
    const i = this.chooserNext[chooser];
    this.chooserNext[chooser] = i + 1 === n ? 0 : i + 1;
    return i;
  }

  private spawnCall(parent: number, route: number): void {
    const R = this.req;
    const c = R.alloc();
    R.route[c] = route;
    R.step[c] = -1;
    R.parent[c] = parent;
    R.root[c] = R.root[parent];
    R.conn[c] = R.conn[parent];
    R.flags[c] = 0;
    R.heldUnit[c] = -1;
    R.seq[c] = R.seq[parent];
    this.advance(c);
  }

  private finishRoute(r: number): void {
    const R = this.req;
    const p = R.parent[r];
    if (p < 0) return this.finishTopLevel(r);
    R.release(r);
    const route = this.net.routes[R.route[p]];
    const s = R.step[p];
    if (route.stepType[s] === STEP_CHOOSE) return this.advance(p);
    if (route.stepType[s] === STEP_CALL_SEQUENTIAL) {
      const targets = route.calls[route.stepArg[s]];
      const next = ++R.callIndex[p];
      if (next < targets.length) return this.spawnCall(p, targets[next]);
      return this.advance(p);
    }
    if (--R.pending[p] === 0) this.advance(p);
  }

  // ---- hops ------------------------------------------------------------------------------------

  private enterHop(r: number, h: number): void {
    const R = this.req;
    R.hop[r] = h;
    R.hopEnter[r] = this.now;
    R.queueWait[r] = 0;
    const pool = this.net.hopPool[h];
    if (pool < 0) return this.requestCpu(r);
    const st = this.net.stations[pool];
    const unit = st.affinity ? st.firstUnit + (R.conn[r] % st.unitCount) : st.firstUnit;
    if (this.unitBusy[unit] < this.net.unitServers[unit]) {
      this.occupy(unit);
      R.heldUnit[r] = unit;
      return this.requestCpu(r);
    }
    this.wait(r, unit);
  }

  private requestCpu(r: number): void {
    const R = this.req;
    const h = R.hop[r];
    const cpu = this.net.hopCpu[h];
    if (cpu < 0) return this.afterCpu(r);
    const unit = this.net.stations[cpu].firstUnit;
    if (this.unitBusy[unit] < this.net.unitServers[unit]) {
      this.occupy(unit);
      return this.startCpu(r);
    }
    this.wait(r, unit);
  }

  private wait(r: number, unit: number): void {
    const st = this.net.stations[this.net.unitStation[unit]];
    const queue = this.unitQueue[unit];
    if (queue.length >= st.queueLimit) return this.drop(r);
    if (this.measuring) this.accrueUnit(unit);
    this.req.waitStart[r] = this.now;
    queue.push(r);
  }

  /** The hop's resource is full: the message fails fast; its caller continues with an error. */
  private drop(r: number): void {
    const R = this.req;
    const h = R.hop[r];
    if (R.heldUnit[r] >= 0) {
      this.vacate(R.heldUnit[r]);
      R.heldUnit[r] = -1;
    }
    if (R.flags[r] & FLAG_POST) {
      this.record(r, h, 0, OUTCOME_DROPPED);
      R.release(r);
      return;
    }
    R.flags[R.root[r]] |= FLAG_FAILED;
    this.record(r, h, 0, OUTCOME_DROPPED);
    const route = this.net.routes[R.route[r]];
    R.step[r] = route.stepType.length - 1; // skip the rest of the route
    this.advance(r);
  }

  private startCpu(r: number): void {
    const R = this.req;
    const h = R.hop[r];
    const post = (R.flags[r] & FLAG_POST) !== 0;
    const s = post ? this.postSampler[h]!(this.cpuStream[h]!) : this.cpuSampler[h]!(this.cpuStream[h]!);
    R.serviceStart[r] = this.now;
    R.burst[r] = s;
    this.q.push(this.now + s, PRIORITY[K_CPU_DONE], K_CPU_DONE, r);
  }

  private cpuDone(r: number): void {
    const R = this.req;
    const h = R.hop[r];
    const unit = this.net.stations[this.net.hopCpu[h]].firstUnit;
    const burst = R.burst[r];
    if (this.measuring) this.hopCpuUs[2 * h + this.net.hopCpuClass[h]] += burst;
    this.vacate(unit);
    if (R.flags[r] & FLAG_POST) {
      this.vacate(R.heldUnit[r]);
      R.release(r);
      return;
    }
    R.cpuUs[R.root[r]] += burst;
    this.afterCpu(r);
  }

  private afterCpu(r: number): void {
    const h = this.req.hop[r];
    const d = this.delaySampler[h];
    if (d === null) return this.leaveHop(r);
    this.q.push(this.now + d(this.delayStream[h]!), PRIORITY[K_DELAY_DONE], K_DELAY_DONE, r);
  }

  private leaveHop(r: number): void {
    const R = this.req;
    const h = R.hop[r];
    const wait = R.queueWait[r];
    this.record(r, h, wait, wait > 0 ? OUTCOME_QUEUED : OUTCOME_FORWARDED);
    const root = R.root[r];
    R.hops[root]++;
    R.crossings[root] += this.hopCrossings[h];
    R.copies[root] += this.hopCopies[h];
    R.ctxSwitches[root] += this.hopCtx[h];
    const held = R.heldUnit[r];
    if (held >= 0) {
      R.heldUnit[r] = -1;
      if (this.postSampler[h] !== null) this.startPost(r, h, held);
      else this.vacate(held);
    }
    this.advance(r);
  }

  /** Post-response work: a separate work item keeps the worker while it waits for and uses CPU. */
  private startPost(r: number, h: number, held: number): void {
    const R = this.req;
    const p = R.alloc();
    R.flags[p] = FLAG_POST;
    R.hop[p] = h;
    R.heldUnit[p] = held;
    R.root[p] = p;
    R.parent[p] = -1;
    R.seq[p] = R.seq[r];
    R.queueWait[p] = 0;
    this.requestCpu(p);
  }

  private record(r: number, h: number, wait: number, outcome: number): void {
    const R = this.req;
    const enter = R.hopEnter[r];
    const service = this.now - enter - wait;
    this.records.write(R.seq[r], h, enter, wait, service, this.now, outcome);
    if (R.flags[R.root[r]] & FLAG_MEASURED) this.hopStats.add(h, wait, service, outcome);
  }

  // ---- queue units -----------------------------------------------------------------------------

  private occupy(unit: number): void {
    if (this.measuring) this.accrueUnit(unit);
    this.unitBusy[unit]++;
  }

  /** Frees one server; the longest waiter takes it at once (FIFO). */
  private vacate(unit: number): void {
    if (this.measuring) this.accrueUnit(unit);
    const queue = this.unitQueue[unit];
    if (queue.length === 0) {
      this.unitBusy[unit]--;
      return;
    }
    const w = queue.shift();
    const R = this.req;
    R.queueWait[w] += this.now - R.waitStart[w];
    if (this.net.unitIsPool[unit]) {
      R.heldUnit[w] = unit; // it was waiting for a worker
      this.requestCpu(w);
    } else {
      this.startCpu(w); // it was waiting for a core
    }
  }

  private accrueUnit(u: number): void {
    const dt = this.now - this.unitLast[u];
    if (dt > 0) {
      this.unitBusyArea[u] += this.unitBusy[u] * dt;
      this.unitQueueArea[u] += this.unitQueue[u].length * dt;
    }
    this.unitLast[u] = this.now;
  }

  private accrueInSystem(): void {
    if (!this.measuring) return;
    this.inSystemArea += this.inSystem * (this.now - this.inSystemLast);
    this.inSystemLast = this.now;
  }

  private finish(): void {
    if (this.done) return;
    this.stopGeneration();
    this.done = true;
  }
}
