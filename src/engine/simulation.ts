import type { SimSpec, SimSpecInput } from '../model/simSpec';
import * as compile from './compile';
import { makeSampler, type Sampler } from './distributions';
import * as ev from './events';
import { LatencyHistogram } from './histogram';
import * as records from './records';
import * as table from './requestTable';
import { IntQueue } from './intQueue';
import { createStream, type RandomStream } from './rng';
import { SimCore } from './simCore';

const {
  STEP_ACQUIRE,
  STEP_CALL_SEQUENTIAL,
  STEP_CHOOSE,
  STEP_HOP,
  STEP_RELEASE,
  POLICY_CONNECTION,
  POLICY_RANDOM,
} = compile;
const { K_ARRIVAL, K_SEND, K_TIMEOUT, K_WINDOW_END, K_WINDOW_START, PRIORITY } = ev;
const { OUTCOME_RETRIED, OUTCOME_TIMED_OUT } = records;
const { FLAG_FAILED, FLAG_MEASURED } = table;
// Slot fields (requestTable.ts).
const {
  F_ATTEMPT_START,
  F_CARRY_WAIT,
  F_CPU_US,
  F_HOP_ENTER,
  F_SEQ,
  G_ACTUAL,
  G_ATTEMPT,
  G_AWAITING,
  G_INTENDED,
  I_CALL_INDEX,
  I_CONN,
  I_COPIES,
  I_CROSSINGS,
  I_CTX_SWITCHES,
  I_FLAGS,
  I_HELD_UNIT,
  I_HOP,
  I_HOPS,
  I_PARENT,
  I_PENDING,
  I_ROOT,
  I_ROUTE,
  I_SPAN_UNIT,
  I_STEP,
} = table;

/**
 * The discrete-event simulation of requests crossing costed hops: load generation, the measurement
 * window, and routes — hops, calls (fan-out, chains) and load-balanced calls with per-try timeouts and
 * retries. Resources and hop mechanics live in SimCore.
 */
export class Simulation extends SimCore {
  readonly latencyIntended = new LatencyHistogram();
  readonly latencyActual = new LatencyHistogram();

  private readonly arrivalStream: RandomStream;
  private readonly lbStream: RandomStream;
  private readonly thinkStream: RandomStream;
  private readonly jitterStream: RandomStream;
  /** Open load: which connection each arrival takes (a random one, so each sees a Poisson share). */
  private readonly connStream: RandomStream;
  private readonly thinkSampler: Sampler | null;
  private readonly interarrival: Sampler | null;
  /** Round-robin position of each choose step. */
  private readonly chooserNext: Float64Array;

  // Load generation.
  private readonly countMode: boolean;
  private readonly warmup: number;
  private readonly measuredTarget: number;
  /** Paced: each connection's next send (its intended time) and its place on Fortio's schedule. */
  private readonly connIntended: Float64Array;
  private readonly connTarget: Float64Array;
  private readonly pacedInterval: number;
  /** Open load over HTTP/1.1: one request in flight per connection; the others wait at the client. */
  private readonly oneInFlight: boolean;
  private readonly connBusy: Uint8Array;
  /** Requests (slots) waiting at the client for a free connection, oldest first. */
  private readonly clientQueue = new IntQueue();
  private sent = 0;
  private genStopped = false;

  // Measurement window and counts.
  windowStart = NaN;
  windowEnd = NaN;
  measuredSent = 0;
  measuredDone = 0;
  measuredFailed = 0;
  /** Tries abandoned by a timeout, and retries issued, for measured requests. */
  timeouts = 0;
  retries = 0;
  private measuredInFlight = 0;
  /** Top-level requests in the system, and its time integral over the window (for Little's law). */
  inSystem = 0;
  inSystemArea = 0;
  private inSystemLast = 0;
  /** Sums over measured, successful requests. */
  readonly perRequest = { hops: 0, kernelCrossings: 0, copies: 0, contextSwitches: 0, cpuUs: 0 };

  // Pending per-try timeouts: the caller slot and the attempt it was for (attempt ids never repeat).
  private timerCaller: number[] = [];
  private timerAttempt: number[] = [];
  private timerFree: number[] = [];
  private nextAttempt = 0;

  constructor(input: SimSpecInput | SimSpec) {
    super(input);
    const spec = this.spec;
    this.arrivalStream = createStream(spec.seed, 'arrivals');
    this.lbStream = createStream(spec.seed, 'balancing');
    this.thinkStream = createStream(spec.seed, 'think');
    this.jitterStream = createStream(spec.seed, 'jitter');
    this.connStream = createStream(spec.seed, 'connections');
    this.chooserNext = new Float64Array(this.net.choosers);
    const load = spec.load;
    this.thinkSampler = load.kind === 'closed' ? makeSampler(load.think) : null;
    this.interarrival =
      load.kind === 'open' ? makeSampler({ kind: 'exponential', mean: 1e6 / load.rps }) : null;
    const conns = load.connections;
    this.pacedInterval = load.kind === 'paced' ? (conns * 1e6) / load.rps : 0;
    this.connIntended = new Float64Array(conns);
    this.connTarget = new Float64Array(conns);
    this.oneInFlight = load.kind === 'open' && load.oneInFlight;
    this.connBusy = new Uint8Array(conns);

    const run = spec.run;
    this.countMode = 'measuredRequests' in run;
    this.warmup = 'measuredRequests' in run ? run.warmupRequests : 0;
    this.measuredTarget = 'measuredRequests' in run ? run.measuredRequests : 0;
    if ('durationUs' in run) {
      this.q.push(run.warmupUs, PRIORITY[K_WINDOW_START], K_WINDOW_START, 0);
      this.q.push(run.warmupUs + run.durationUs, PRIORITY[K_WINDOW_END], K_WINDOW_END, 0);
    }

    if (load.kind === 'open') {
      this.q.push(this.interarrival!(this.arrivalStream), PRIORITY[K_ARRIVAL], K_ARRIVAL, 0);
    } else if (load.kind === 'closed') {
      for (let c = 0; c < conns; c++)
        this.q.push(this.thinkSampler!(this.thinkStream), PRIORITY[K_SEND], K_SEND, c);
    } else {
      // Fortio starts every connection's schedule at one start time (its periodic runner shares one
      // `start`; the source calls the result a thundering herd); -uniform delays connection c's first
      // request by c/N of an interval. The first request is sent at once: jitter applies to waits only.
      for (let c = 0; c < conns; c++) {
        const first = load.uniform ? (c * this.pacedInterval) / conns : 0;
        this.connTarget[c] = first;
        this.connIntended[c] = first;
        this.q.push(first, PRIORITY[K_SEND], K_SEND, c);
      }
    }
  }

  get requestsInFlight(): number {
    return this.inSystem;
  }

  /** Top-level requests started so far (the next one gets this sequence number). */
  get requestsSent(): number {
    return this.sent;
  }

  protected onEvent(kind: number, arg: number): void {
    switch (kind) {
      case K_ARRIVAL:
        return this.openArrival();
      case K_SEND:
        return this.connSend(arg);
      case K_TIMEOUT:
        return this.timeout(arg);
      case K_WINDOW_START:
        return this.startWindow();
      case K_WINDOW_END:
        return this.stopGeneration();
    }
  }

  protected complete(): boolean {
    return this.genStopped && this.measuredInFlight === 0;
  }

  protected onFinish(): void {
    this.stopGeneration();
  }

  // ---- load generation -------------------------------------------------------------------------

  private openArrival(): void {
    if (this.genStopped) return;
    if (!this.admit()) return;
    const r = this.newRequest(this.now);
    const conns = this.spec.load.connections;
    // A random connection: a Poisson stream thinned at random stays Poisson, so every connection (and
    // every worker it is pinned to) sees Poisson arrivals; taking them in turn would alternate workers.
    // With one connection the draw could only say 0: skipped (the stream serves nothing else).
    const own = conns === 1 ? 0 : Math.floor(this.connStream.next01() * conns);
    if (!this.oneInFlight) this.dispatch(r, own);
    else {
      // HTTP/1.1: the first idle connection from the drawn one, else wait for one to free up.
      let c = -1;
      for (let i = 0, k = own; i < conns; i++, k = k + 1 === conns ? 0 : k + 1)
        if (!this.connBusy[k]) {
          c = k;
          break;
        }
      if (c >= 0) this.dispatch(r, c);
      else this.clientQueue.push(r);
    }
    this.q.push(this.now + this.interarrival!(this.arrivalStream), PRIORITY[K_ARRIVAL], K_ARRIVAL, 0);
  }

  private connSend(c: number): void {
    if (this.genStopped || !this.admit()) return;
    this.dispatch(this.newRequest(this.spec.load.kind === 'paced' ? this.connIntended[c] : this.now), c);
  }

  /**
   * Fortio's next send on a connection after a reply (periodic.go runOne): the schedule's next point,
   * start + i·interval, whatever the previous send's jitter; at once when late (catch-up), or the first
   * point not yet past with noCatchUp; jitter moves the wait by a uniform ±10 % of its length.
   */
  private nextPaced(c: number): void {
    const load = this.spec.load;
    if (load.kind !== 'paced') return;
    let target = this.connTarget[c] + this.pacedInterval;
    if (load.noCatchUp) while (target < this.now) target += this.pacedInterval;
    this.connTarget[c] = target;
    let send = target;
    if (load.jitter && target > this.now) {
      const wait = target - this.now;
      send = target + (2 * this.jitterStream.next01() - 1) * 0.1 * wait;
    }
    this.connIntended[c] = send;
    this.q.push(send > this.now ? send : this.now, PRIORITY[K_SEND], K_SEND, c);
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
    this.startUnitIntegrals();
  }

  private stopGeneration(): void {
    if (this.genStopped) return;
    this.genStopped = true;
    if (this.measuring) {
      this.accrueInSystem();
      this.accrueAllUnits();
      this.measuring = false;
      this.windowEnd = this.now;
    }
  }

  /** A new top-level request, counted from `intended`; `dispatch` sends it on a connection. */
  private newRequest(intended: number): number {
    const R = this.req;
    const r = R.alloc();
    const measured = this.countMode
      ? this.sent - 1 >= this.warmup
      : this.measuring && intended >= this.windowStart;
    R.F[(r << 3) + F_SEQ] = this.sent - 1;
    R.I[(r << 4) + I_ROUTE] = this.net.entry;
    R.I[(r << 4) + I_STEP] = -1;
    R.I[(r << 4) + I_PARENT] = -1;
    R.I[(r << 4) + I_ROOT] = r;
    R.I[(r << 4) + I_CONN] = -1;
    R.I[(r << 4) + I_FLAGS] = measured ? FLAG_MEASURED : 0;
    R.G[(r << 2) + G_INTENDED] = intended;
    R.G[(r << 2) + G_ACTUAL] = this.now;
    R.I[(r << 4) + I_HELD_UNIT] = -1;
    R.I[(r << 4) + I_SPAN_UNIT] = -1;
    R.F[(r << 3) + F_CARRY_WAIT] = 0;
    R.G[(r << 2) + G_AWAITING] = -1;
    R.I[(r << 4) + I_CROSSINGS] = 0;
    R.I[(r << 4) + I_COPIES] = 0;
    R.I[(r << 4) + I_CTX_SWITCHES] = 0;
    R.I[(r << 4) + I_HOPS] = 0;
    R.F[(r << 3) + F_CPU_US] = 0;
    if (measured) {
      this.measuredSent++;
      this.measuredInFlight++;
    }
    this.accrueInSystem();
    this.inSystem++;
    return r;
  }

  private dispatch(r: number, conn: number): void {
    const R = this.req;
    R.I[(r << 4) + I_CONN] = conn;
    R.G[(r << 2) + G_ACTUAL] = this.now;
    if (this.oneInFlight) this.connBusy[conn] = 1;
    this.advance(r);
  }

  private finishTopLevel(r: number): void {
    const R = this.req;
    this.accrueInSystem();
    this.inSystem--;
    const flags = R.I[(r << 4) + I_FLAGS];
    if (flags & FLAG_MEASURED) {
      this.measuredInFlight--;
      if (flags & FLAG_FAILED) this.measuredFailed++;
      else {
        this.measuredDone++;
        this.latencyIntended.record(this.now - R.G[(r << 2) + G_INTENDED]);
        this.latencyActual.record(this.now - R.G[(r << 2) + G_ACTUAL]);
        const p = this.perRequest;
        p.hops += R.I[(r << 4) + I_HOPS];
        p.kernelCrossings += R.I[(r << 4) + I_CROSSINGS];
        p.copies += R.I[(r << 4) + I_COPIES];
        p.contextSwitches += R.I[(r << 4) + I_CTX_SWITCHES];
        p.cpuUs += R.F[(r << 3) + F_CPU_US];
      }
    }
    const c = R.I[(r << 4) + I_CONN];
    R.release(r);
    if (this.oneInFlight) {
      this.connBusy[c] = 0;
      // Requests already waiting go out even after generation stops: they were sent, and may be measured.
      if (this.clientQueue.length) this.dispatch(this.clientQueue.shift(), c);
    }
    if (this.genStopped) return;
    const load = this.spec.load;
    if (load.kind === 'closed') {
      this.q.push(this.now + this.thinkSampler!(this.thinkStream), PRIORITY[K_SEND], K_SEND, c);
    } else if (load.kind === 'paced') this.nextPaced(c);
  }

  private accrueInSystem(): void {
    if (!this.measuring) return;
    this.inSystemArea += this.inSystem * (this.now - this.inSystemLast);
    this.inSystemLast = this.now;
  }

  // ---- routes ----------------------------------------------------------------------------------

  protected advance(r: number): void {
    const R = this.req;
    const route = this.net.routes[R.I[(r << 4) + I_ROUTE]];
    const s = ++R.I[(r << 4) + I_STEP];
    if (s >= route.stepType.length) return this.finishRoute(r);
    const type = route.stepType[s];
    if (type === STEP_HOP) return this.enterHop(r, route.stepArg[s]);
    if (type === STEP_ACQUIRE) return this.acquireSpan(r, route.stepArg[s]);
    if (type === STEP_RELEASE) {
      this.releaseSpan(r);
      return this.advance(r);
    }
    const targets = route.calls[route.stepArg[s]];
    if (type === STEP_CHOOSE) {
      R.I[(r << 4) + I_CALL_INDEX] = 0; // tries made
      return this.issueAttempt(r);
    }
    R.G[(r << 2) + G_AWAITING] = -1;
    if (type === STEP_CALL_SEQUENTIAL) {
      R.I[(r << 4) + I_PENDING] = 1;
      R.I[(r << 4) + I_CALL_INDEX] = 0;
      this.spawnCall(r, targets[0], -1);
    } else {
      R.I[(r << 4) + I_PENDING] = targets.length;
      for (let i = 0; i < targets.length; i++) this.spawnCall(r, targets[i], -1);
    }
  }

  /** One try of a load-balanced call: pick a backend, start its route, arm the per-try timeout. */
  private issueAttempt(r: number): void {
    const R = this.req;
    const route = this.net.routes[R.I[(r << 4) + I_ROUTE]];
    const call = route.stepArg[R.I[(r << 4) + I_STEP]];
    const targets = route.calls[call];
    const attempt = this.nextAttempt++;
    R.G[(r << 2) + G_AWAITING] = attempt;
    R.F[(r << 3) + F_ATTEMPT_START] = this.now;
    const timeout = route.timeoutUs[call];
    if (timeout !== Infinity) {
      const t = this.timerFree.length ? this.timerFree.pop()! : this.timerCaller.length;
      this.timerCaller[t] = r;
      this.timerAttempt[t] = attempt;
      this.q.push(this.now + timeout, PRIORITY[K_TIMEOUT], K_TIMEOUT, t);
    }
    this.spawnCall(
      r,
      targets[this.pick(route.policy[call], route.chooser[call], targets.length, R.I[(r << 4) + I_CONN])],
      attempt,
    );
  }

  private pick(policy: number, chooser: number, n: number, conn: number): number {
    if (policy === POLICY_CONNECTION) return conn % n;
    if (policy === POLICY_RANDOM) return Math.floor(this.lbStream.next01() * n);
    const i = this.chooserNext[chooser];
    this.chooserNext[chooser] = i + 1 === n ? 0 : i + 1;
    return i;
  }

  private spawnCall(parent: number, route: number, attempt: number): void {
    const R = this.req;
    const c = R.alloc();
    R.I[(c << 4) + I_ROUTE] = route;
    R.I[(c << 4) + I_STEP] = -1;
    R.I[(c << 4) + I_PARENT] = parent;
    R.I[(c << 4) + I_ROOT] = R.I[(parent << 4) + I_ROOT];
    R.I[(c << 4) + I_CONN] = R.I[(parent << 4) + I_CONN];
    R.I[(c << 4) + I_FLAGS] = R.I[(parent << 4) + I_FLAGS] & FLAG_MEASURED; // its CPU is the request's
    R.I[(c << 4) + I_HELD_UNIT] = -1;
    R.I[(c << 4) + I_SPAN_UNIT] = -1;
    R.F[(c << 3) + F_CARRY_WAIT] = 0;
    R.F[(c << 3) + F_SEQ] = R.F[(parent << 3) + F_SEQ];
    R.G[(c << 2) + G_ATTEMPT] = attempt;
    R.G[(c << 2) + G_AWAITING] = -1;
    this.advance(c);
  }

  private finishRoute(r: number): void {
    const R = this.req;
    this.releaseSpan(r); // a failed traversal may still hold one
    const p = R.I[(r << 4) + I_PARENT];
    if (p < 0) return this.finishTopLevel(r);
    const attempt = R.G[(r << 2) + G_ATTEMPT];
    const failed = (R.I[(r << 4) + I_FLAGS] & FLAG_FAILED) !== 0;
    const lastHop = R.I[(r << 4) + I_HOP];
    R.release(r);
    if (attempt >= 0) {
      // A load-balanced try: ignored if its caller stopped waiting for it (timed out, or long gone).
      if (R.G[(p << 2) + G_AWAITING] !== attempt) return;
      R.G[(p << 2) + G_AWAITING] = -1;
      return failed ? this.tryFailed(p, lastHop) : this.advance(p);
    }
    if (failed) R.I[(p << 4) + I_FLAGS] |= FLAG_FAILED;
    const route = this.net.routes[R.I[(p << 4) + I_ROUTE]];
    const s = R.I[(p << 4) + I_STEP];
    if (route.stepType[s] === STEP_CALL_SEQUENTIAL) {
      const targets = route.calls[route.stepArg[s]];
      const next = ++R.I[(p << 4) + I_CALL_INDEX];
      if (next < targets.length) return this.spawnCall(p, targets[next], -1);
      return this.advance(p);
    }
    if (--R.I[(p << 4) + I_PENDING] === 0) this.advance(p);
  }

  /** A try failed or timed out: retry while tries remain, else the call fails. */
  private tryFailed(p: number, hop: number): void {
    const R = this.req;
    const route = this.net.routes[R.I[(p << 4) + I_ROUTE]];
    const call = route.stepArg[R.I[(p << 4) + I_STEP]];
    const measured =
      (R.I[(R.I[(p << 4) + I_ROOT] << 4) + I_FLAGS] & FLAG_MEASURED) !== 0 && this.rootOf(p) >= 0;
    if (R.I[(p << 4) + I_CALL_INDEX] < route.retries[call]) {
      R.I[(p << 4) + I_CALL_INDEX]++;
      if (measured) this.retries++;
      if (hop >= 0) this.recordAt(p, hop, OUTCOME_RETRIED);
      return this.issueAttempt(p);
    }
    this.failRoute(p);
  }

  private timeout(t: number): void {
    const R = this.req;
    const p = this.timerCaller[t];
    const attempt = this.timerAttempt[t];
    this.timerFree.push(t);
    if (R.G[(p << 2) + G_AWAITING] !== attempt) return; // the reply came (or the caller is gone)
    R.G[(p << 2) + G_AWAITING] = -1;
    this.abandoned = true;
    if ((R.I[(R.I[(p << 4) + I_ROOT] << 4) + I_FLAGS] & FLAG_MEASURED) !== 0 && this.rootOf(p) >= 0)
      this.timeouts++;
    const route = this.net.routes[R.I[(p << 4) + I_ROUTE]];
    const call = route.stepArg[R.I[(p << 4) + I_STEP]];
    // The abandoned try is recorded at its call's first hop, as the moment its caller gave up.
    const firstHop = firstHopOf(this.net, route.calls[call][0]);
    if (firstHop >= 0) this.recordAt(p, firstHop, OUTCOME_TIMED_OUT);
    this.tryFailed(p, -1);
  }

  /** A record for a caller-side outcome (timed out, retried) spanning the try that ended now. */
  private recordAt(p: number, hop: number, outcome: number): void {
    const R = this.req;
    const enter = R.F[(p << 3) + F_HOP_ENTER];
    R.F[(p << 3) + F_HOP_ENTER] = R.F[(p << 3) + F_ATTEMPT_START];
    this.record(p, hop, outcome, false);
    R.F[(p << 3) + F_HOP_ENTER] = enter;
  }
}

function firstHopOf(net: compile.Compiled, route: number): number {
  const r = net.routes[route];
  for (let s = 0; s < r.stepType.length; s++) if (r.stepType[s] === STEP_HOP) return r.stepArg[s];
  return -1;
}
