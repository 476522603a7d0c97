import type { Distribution } from '../model/distribution';
import type { SimSpec, SimSpecInput } from '../model/simSpec';
import { validSimSpec } from '../model/valid';
import * as compile from './compile';
import type { Compiled } from './compile';
import { EventQueue } from './eventQueue';
import * as hopTable from './hopTable';
import * as ev from './events';
import { IntQueue } from './intQueue';
import * as records from './records';
import { HopRecordRing } from './records';
import * as hopRows from './hopRows';
import { HopRows } from './hopRows';
import * as table from './requestTable';
import { RequestTable } from './requestTable';
import { sample, SamplerTable } from './samplerTable';
import * as unitTable from './unitTable';
import { buildUnitTable } from './unitTable';
import { affinityWorker } from './affinity';
import { createStream, streamTable, type RandomStream } from './rng';

// Imported constants copied into module scope: the hot loop then reads plain locals, whatever the
// module format (CommonJS interop turns imported bindings into getter calls).
const { K_CPU_DONE, K_DELAY_DONE, PRIORITY } = ev;
const { OUTCOME_DROPPED, OUTCOME_FORWARDED, OUTCOME_QUEUED, OUTCOME_RETRIED, OUTCOME_TIMED_OUT } = records;
const { HS_COUNT, HS_CPU_DRAW, HS_DELAY_DRAW, HS_DROPPED, HS_POST_DRAW, HS_QUEUED, HS_SERVICE_SUM } = hopRows;
const { HS_WAIT_MAX, HS_WAIT_SUM, ROW_STRIDE } = hopRows;
const { FLAG_FAILED, FLAG_MEASURED, FLAG_POST, FLAG_SPAN_WAIT } = table;
const { UNIT_STRIDE, U_BUSY, U_BUSY_AREA, U_IS_POOL, U_LAST, U_QUEUE_AREA, U_SERVERS, U_WAITING } = unitTable;
// Slot fields (requestTable.ts).
const {
  F_BURST,
  F_CARRY_WAIT,
  F_CPU_US,
  F_HOP_ENTER,
  F_QUEUE_WAIT,
  F_SEQ,
  F_WAIT_START,
  I_CONN,
  I_COPIES,
  I_CROSSINGS,
  I_CTX_SWITCHES,
  I_FLAGS,
  I_HELD_UNIT,
  I_HOP,
  I_HOPS,
  I_PARENT,
  I_ROOT,
  I_ROUTE,
  I_SPAN_UNIT,
  I_STEP,
} = table;
const { HOP_STRIDE, H_AFFINITY_ROW, H_COPIES, H_CPU_RNG, H_CPU_SLOT, H_CPU_UNIT, H_CROSSINGS } = hopTable;
const {
  H_CTX,
  H_DELAY_RNG,
  H_DELAY_SAMPLER,
  H_MAY_FAIL,
  H_POOL,
  H_POOL_UNIT,
  H_POOL_WORKERS,
  H_POST_SAMPLER,
} = hopTable;

/** Events between two `tick` calls of `run`. */
export const TICK_EVENTS = 1 << 16;
/**
 * Resources and hops: the part of the simulation that moves a message through one hop — wait for a
 * worker, wait for a core, burn CPU, spend on-path delay, leave (and run post-response work) — and
 * the event loop. What happens between hops (routes, calls, load) is the subclass's.
 *
 * Time is float64 microseconds: hop costs are fractions of a µs to ms, IEEE-754 add/multiply are
 * exact-rounded in every JS engine (so results are reproducible), and 53 bits keep sub-ns resolution
 * for runs of many simulated days.
 */
export abstract class SimCore {
  readonly spec: SimSpec;
  readonly net: Compiled;
  now = 0;
  events = 0;
  done = false;

  readonly records: HopRecordRing;
  /** Each hop's running totals (read with count(h) …) and its samplers, a row per hop (hopRows.ts). */
  readonly hopStats: HopRows;

  // Queue units: a shared station has one unit with c servers; an affinity pool has c units of one.
  /** Every queue unit's row (unitTable.ts); read them with unitBusy, unitBusyArea and unitQueueArea. */
  protected readonly units: Float64Array;
  protected readonly unitQueue: IntQueue[];

  /** True inside the measurement window: utilisation and CPU are accrued only then. */
  measuring = false;

  protected readonly q = new EventQueue();
  private readonly ev = { time: 0, kind: 0, arg: 0 };
  protected readonly req = new RequestTable();

  /** Every hop's samplers' parameters (copied into the hop rows) and empirical values. */
  private readonly samplers: SamplerTable;
  /** Each station's stream of CPU bursts, and each delayed hop's stream of delays, as stream tables
   *  (rng.ts): the hop table holds a hop's offsets into them. */
  private readonly stationRng: Int32Array;
  private readonly delayRng: Int32Array;
  private readonly failureStream: RandomStream;
  private readonly hopFailure: Float64Array;
  /** Per-hop constants, HOP_STRIDE words per hop (hopTable.ts). */
  private readonly hopInfo: Int32Array;
  /** Worker unit per (affinity pool, connection), rows located by H_AFFINITY_ROW; empty if too large. */
  private readonly affinityUnit: Int32Array;
  private readonly connections: number;

  constructor(input: SimSpecInput | SimSpec) {
    // A spec the compiler built (or a worker parsed at its entry) is trusted; raw input is parsed here.
    this.spec = validSimSpec(input);
    const spec = this.spec;
    this.net = compile.compiledNet(spec);
    const net = this.net;
    this.records = new HopRecordRing(spec.recordCapacity);
    const nh = spec.hops.length;

    this.units = buildUnitTable(net);
    this.unitQueue = Array.from({ length: net.unitCount }, () => new IntQueue());

    const dists: Distribution[] = [];
    const index = (d: Distribution | undefined) => (d ? dists.push(d) - 1 : -1);
    // A hop's samplers side by side (its CPU burst and its delay are drawn in the same traversal): in a
    // large scenario the table spans megabytes, and one hop's draws then read neighbouring rows.
    const samplers = { cpu: new Int32Array(nh), post: new Int32Array(nh), delay: new Int32Array(nh) };
    spec.hops.forEach((h, i) => {
      samplers.cpu[i] = index(h.cpu?.service);
      samplers.post[i] = index(h.post);
      samplers.delay[i] = index(h.delay);
    });
    this.samplers = new SamplerTable(dists);
    this.hopStats = new HopRows(nh, this.samplers, samplers);
    this.stationRng = streamTable(net.stations.map((s) => createStream(spec.seed, `service:${s.id}`)));
    const delayed = spec.hops.filter((h) => h.delay);
    this.delayRng = streamTable(delayed.map((h) => createStream(spec.seed, `delay:${h.id}`)));
    this.failureStream = createStream(spec.seed, 'failures');
    this.hopFailure = Float64Array.from(spec.hops, (h) => h.failure);
    this.hopInfo = hopTable.buildHopTable(spec, net, samplers);
    this.connections = spec.load.connections;
    this.affinityUnit = hopTable.buildAffinityTable(this.hopInfo, net, this.connections, affinityWorker);
  }

  /** Moves a slot to its route's next step, or finishes its route. */
  protected abstract advance(r: number): void;
  /** Events other than hop completions. */
  protected abstract onEvent(kind: number, arg: number): void;
  /** True once everything the run measures has finished. */
  protected abstract complete(): boolean;
  /** Called once when the run ends. */
  protected abstract onFinish(): void;

  /** Processes the next event. Returns false when the run is complete. */
  step(): boolean {
    if (this.done) return false;
    if (!this.q.popInto(this.ev)) {
      this.finish();
      return false;
    }
    this.now = this.ev.time;
    this.events++;
    const { kind, arg } = this.ev;
    if (kind === K_CPU_DONE) this.cpuDone(arg);
    else if (kind === K_DELAY_DONE) this.leaveHop(arg);
    else this.onEvent(kind, arg);
    if (this.complete()) this.finish();
    return !this.done;
  }

  /** Processes every event at or before `t` (simulated µs), then sets the clock to `t` if still running. */
  runUntil(t: number): void {
    while (!this.done && this.q.peekTime() <= t) this.step();
    if (!this.done && t > this.now) this.now = t;
  }

  /**
   * Runs to the end of the measurement. `tick`, when given, is called every TICK_EVENTS events (for a
   * progress display); it must not change the simulation.
   */
  run(tick?: () => void): this {
    if (!tick) {
      while (this.step());
      return this;
    }
    for (let n = 1; this.step(); n++) if (n % TICK_EVENTS === 0) tick();
    return this;
  }

  /** Time of the next pending event (Infinity when none). */
  get nextEventTime(): number {
    return this.q.peekTime();
  }

  /** Waiting requests at a queue unit right now. */
  queueLength(unit: number): number {
    return this.unitQueue[unit].length;
  }

  /** Servers of a queue unit busy right now. */
  unitBusy(unit: number): number {
    return this.units[unit * UNIT_STRIDE + U_BUSY];
  }

  /** ∫ busy servers dt over the measurement window so far (µs). */
  unitBusyArea(unit: number): number {
    return this.units[unit * UNIT_STRIDE + U_BUSY_AREA];
  }

  /** ∫ waiting requests dt over the measurement window so far (µs). */
  unitQueueArea(unit: number): number {
    return this.units[unit * UNIT_STRIDE + U_QUEUE_AREA];
  }

  /** A unit has a free server. */
  private unitFree(unit: number): boolean {
    const o = unit * UNIT_STRIDE;
    return this.units[o + U_BUSY] < this.units[o + U_SERVERS];
  }

  /** Puts a request at the back of a unit's queue. */
  private enqueue(unit: number, r: number): void {
    this.unitQueue[unit].push(r);
    this.units[unit * UNIT_STRIDE + U_WAITING]++;
  }

  /** Set once a caller abandons a try (timeout): only then can a slot outlive its top-level request. */
  protected abandoned = false;

  /** The slot's top-level request while it is still in flight, else -1 (its reply was abandoned). */
  protected rootOf(r: number): number {
    const R = this.req;
    const root = R.I[(r << 4) + I_ROOT];
    if (!this.abandoned) return root;
    return R.F[(root << 3) + F_SEQ] === R.F[(r << 3) + F_SEQ] &&
      !(R.I[(root << 4) + I_FLAGS] & FLAG_POST) &&
      R.I[(root << 4) + I_PARENT] < 0
      ? root
      : -1;
  }

  // ---- hops ------------------------------------------------------------------------------------

  protected enterHop(r: number, h: number): void {
    const R = this.req;
    R.I[(r << 4) + I_HOP] = h;
    // Waiting to acquire a held pool just before this hop counts as this hop's queueing.
    const carried = R.F[(r << 3) + F_CARRY_WAIT];
    R.F[(r << 3) + F_CARRY_WAIT] = 0;
    R.F[(r << 3) + F_HOP_ENTER] = this.now - carried;
    R.F[(r << 3) + F_QUEUE_WAIT] = carried;
    R.F[(r << 3) + F_BURST] = 0; // this hop's CPU so far (its record reports it)
    const H = this.hopInfo;
    const o = h * HOP_STRIDE;
    const pool = H[o + H_POOL];
    if (pool < 0) return this.requestCpu(r);
    const span = R.I[(r << 4) + I_SPAN_UNIT];
    if (span >= 0 && this.net.unitStation[span] === pool) return this.requestCpu(r); // runs on the held server
    const unit =
      H[o + H_POOL_WORKERS] === 0 ? H[o + H_POOL_UNIT] : this.affinityUnitOf(o, R.I[(r << 4) + I_CONN]);
    if (this.unitFree(unit)) {
      this.occupy(unit);
      R.I[(r << 4) + I_HELD_UNIT] = unit;
      return this.requestCpu(r);
    }
    this.wait(r, unit);
  }

  /** The worker unit a connection is pinned to at the affinity pool of the hop at `o` in hopInfo. */
  private affinityUnitOf(o: number, conn: number): number {
    const H = this.hopInfo;
    const row = H[o + H_AFFINITY_ROW];
    if (row >= 0) return this.affinityUnit[row + conn];
    return H[o + H_POOL_UNIT] + affinityWorker(conn, H[o + H_POOL], H[o + H_POOL_WORKERS]);
  }

  private requestCpu(r: number): void {
    const unit = this.hopInfo[this.req.I[(r << 4) + I_HOP] * HOP_STRIDE + H_CPU_UNIT];
    if (unit < 0) return this.afterCpu(r);
    if (this.unitFree(unit)) {
      this.occupy(unit);
      return this.startCpu(r);
    }
    this.wait(r, unit);
  }

  /** Takes one server of a pool and holds it across steps (acquire … release); may wait or be rejected. */
  protected acquireSpan(r: number, station: number): void {
    const R = this.req;
    const unit = this.net.stations[station].firstUnit;
    if (this.unitFree(unit)) {
      this.occupy(unit);
      R.I[(r << 4) + I_SPAN_UNIT] = unit;
      return this.advance(r);
    }
    if (this.unitQueue[unit].length >= this.net.stations[station].queueLimit) {
      // Rejected (e.g. Hystrix with a full pool): fail fast.
      R.F[(r << 3) + F_HOP_ENTER] = this.now;
      return this.failRoute(r);
    }
    if (this.measuring) this.accrueUnit(unit);
    R.I[(r << 4) + I_FLAGS] |= FLAG_SPAN_WAIT;
    R.F[(r << 3) + F_WAIT_START] = this.now;
    this.enqueue(unit, r);
  }

  protected releaseSpan(r: number): void {
    const R = this.req;
    const unit = R.I[(r << 4) + I_SPAN_UNIT];
    if (unit < 0) return;
    R.I[(r << 4) + I_SPAN_UNIT] = -1;
    this.vacate(unit);
  }

  private wait(r: number, unit: number): void {
    const st = this.net.stations[this.net.unitStation[unit]];
    if (this.unitQueue[unit].length >= st.queueLimit) return this.drop(r);
    if (this.measuring) this.accrueUnit(unit);
    this.req.F[(r << 3) + F_WAIT_START] = this.now;
    this.enqueue(unit, r);
  }

  /** The hop's resource is full: the message fails fast; its caller continues with an error. */
  private drop(r: number): void {
    const R = this.req;
    if (R.I[(r << 4) + I_HELD_UNIT] >= 0) {
      this.vacate(R.I[(r << 4) + I_HELD_UNIT]);
      R.I[(r << 4) + I_HELD_UNIT] = -1;
    }
    this.record(r, R.I[(r << 4) + I_HOP], OUTCOME_DROPPED, false);
    if (R.I[(r << 4) + I_FLAGS] & FLAG_POST) return R.release(r);
    this.failRoute(r);
  }

  /** Marks the traversal failed and skips the rest of its route: the error travels back to the caller. */
  protected failRoute(r: number): void {
    const R = this.req;
    R.I[(r << 4) + I_FLAGS] |= FLAG_FAILED;
    R.I[(r << 4) + I_STEP] = this.net.routes[R.I[(r << 4) + I_ROUTE]].stepType.length - 1;
    this.advance(r);
  }

  private startCpu(r: number): void {
    const R = this.req;
    const h = R.I[(r << 4) + I_HOP];
    const p = h * ROW_STRIDE + (R.I[(r << 4) + I_FLAGS] & FLAG_POST ? HS_POST_DRAW : HS_CPU_DRAW);
    const rng = this.hopInfo[h * HOP_STRIDE + H_CPU_RNG];
    const s = sample(this.samplers, this.hopStats.rows, p, this.stationRng, rng);
    R.F[(r << 3) + F_BURST] = s;
    this.q.push(this.now + s, PRIORITY[K_CPU_DONE], K_CPU_DONE, r);
  }

  private cpuDone(r: number): void {
    const R = this.req;
    const h = R.I[(r << 4) + I_HOP];
    const burst = R.F[(r << 3) + F_BURST];
    const o = h * HOP_STRIDE;
    // CPU is counted for the measured requests' work, whenever it runs: counted by the window's clock
    // instead, a saturated run (its queue still draining at the window's end) read as cheaper per request.
    if (R.I[(r << 4) + I_FLAGS] & FLAG_MEASURED) this.hopStats.rows[this.hopInfo[o + H_CPU_SLOT]] += burst;
    this.vacate(this.hopInfo[o + H_CPU_UNIT]);
    if (R.I[(r << 4) + I_FLAGS] & FLAG_POST) {
      this.vacate(R.I[(r << 4) + I_HELD_UNIT]);
      R.release(r);
      return;
    }
    const root = this.rootOf(r);
    if (root >= 0) R.F[(root << 3) + F_CPU_US] += burst;
    this.afterCpu(r);
  }

  private afterCpu(r: number): void {
    const h = this.req.I[(r << 4) + I_HOP];
    const o = h * HOP_STRIDE;
    if (this.hopInfo[o + H_DELAY_SAMPLER] < 0) return this.leaveHop(r);
    const p = h * ROW_STRIDE + HS_DELAY_DRAW;
    const t =
      this.now + sample(this.samplers, this.hopStats.rows, p, this.delayRng, this.hopInfo[o + H_DELAY_RNG]);
    this.q.push(t, PRIORITY[K_DELAY_DONE], K_DELAY_DONE, r);
  }

  private leaveHop(r: number): void {
    const R = this.req;
    const h = R.I[(r << 4) + I_HOP];
    const wait = R.F[(r << 3) + F_QUEUE_WAIT];
    const H = this.hopInfo;
    const o = h * HOP_STRIDE;
    const lost = H[o + H_MAY_FAIL] !== 0 && this.failureStream.next01() < this.hopFailure[h];
    this.record(r, h, lost ? OUTCOME_DROPPED : wait > 0 ? OUTCOME_QUEUED : OUTCOME_FORWARDED, true);
    const root = this.rootOf(r);
    if (root >= 0) {
      R.I[(root << 4) + I_HOPS]++;
      R.I[(root << 4) + I_CROSSINGS] += H[o + H_CROSSINGS];
      R.I[(root << 4) + I_COPIES] += H[o + H_COPIES];
      R.I[(root << 4) + I_CTX_SWITCHES] += H[o + H_CTX];
    }
    const held = R.I[(r << 4) + I_HELD_UNIT];
    if (held >= 0) {
      R.I[(r << 4) + I_HELD_UNIT] = -1;
      if (H[o + H_POST_SAMPLER] >= 0) this.startPost(r, h, held);
      else this.vacate(held);
    }
    if (lost) this.failRoute(r);
    else this.advance(r);
  }

  /** Post-response work: a separate work item keeps the worker while it waits for and uses CPU. */
  private startPost(r: number, h: number, held: number): void {
    const R = this.req;
    const p = R.alloc();
    R.I[(p << 4) + I_FLAGS] = FLAG_POST | (R.I[(r << 4) + I_FLAGS] & FLAG_MEASURED);
    R.I[(p << 4) + I_HOP] = h;
    R.I[(p << 4) + I_HELD_UNIT] = held;
    R.I[(p << 4) + I_ROOT] = p;
    R.I[(p << 4) + I_PARENT] = -1;
    R.F[(p << 3) + F_SEQ] = R.F[(r << 3) + F_SEQ];
    R.F[(p << 3) + F_QUEUE_WAIT] = 0;
    this.requestCpu(p);
  }

  /**
   * Writes the slot's record at hop h: its wait is the queueing it met there (`queued`) or none. The ring's
   * columns and the per-hop sums are written here, in place: passing the doubles to another method that
   * V8 does not inline would box each one (a heap object per value, millions per run).
   */
  protected record(r: number, h: number, outcome: number, queued: boolean): void {
    const R = this.req;
    const enter = R.F[(r << 3) + F_HOP_ENTER];
    const wait = queued ? R.F[(r << 3) + F_QUEUE_WAIT] : 0;
    const now = this.now;
    const service = now - enter - wait;
    const ring = this.records;
    const i = ring.claim();
    if (i >= 0) {
      ring.req[i] = R.F[(r << 3) + F_SEQ];
      ring.hop[i] = h;
      ring.enter[i] = enter;
      ring.wait[i] = wait;
      ring.service[i] = service;
      // Timed-out and retried records are the caller's, not a traversal: no CPU of their own.
      ring.cpu[i] =
        outcome === OUTCOME_TIMED_OUT || outcome === OUTCOME_RETRIED ? 0 : R.F[(r << 3) + F_BURST];
      ring.leave[i] = now;
      ring.outcome[i] = outcome;
    }
    const root = R.I[(r << 4) + I_FLAGS] & FLAG_POST ? -1 : this.rootOf(r);
    if (root < 0 || !(R.I[(root << 4) + I_FLAGS] & FLAG_MEASURED)) return;
    const S = this.hopStats.rows;
    const o = h * ROW_STRIDE;
    S[o + HS_COUNT]++;
    if (outcome === OUTCOME_QUEUED) S[o + HS_QUEUED]++;
    else if (outcome === OUTCOME_DROPPED) S[o + HS_DROPPED]++;
    S[o + HS_WAIT_SUM] += wait;
    S[o + HS_SERVICE_SUM] += service;
    if (wait > S[o + HS_WAIT_MAX]) S[o + HS_WAIT_MAX] = wait;
  }

  // ---- queue units -----------------------------------------------------------------------------

  private occupy(unit: number): void {
    if (this.measuring) this.accrueUnit(unit);
    this.units[unit * UNIT_STRIDE + U_BUSY]++;
  }

  /** Frees one server; the longest waiter takes it at once (FIFO). */
  private vacate(unit: number): void {
    if (this.measuring) this.accrueUnit(unit);
    const U = this.units;
    const o = unit * UNIT_STRIDE;
    if (U[o + U_WAITING] === 0) {
      U[o + U_BUSY]--;
      return;
    }
    U[o + U_WAITING]--;
    const w = this.unitQueue[unit].shift();
    const R = this.req;
    if (R.I[(w << 4) + I_FLAGS] & FLAG_SPAN_WAIT) {
      R.I[(w << 4) + I_FLAGS] &= ~FLAG_SPAN_WAIT;
      R.F[(w << 3) + F_CARRY_WAIT] += this.now - R.F[(w << 3) + F_WAIT_START];
      R.I[(w << 4) + I_SPAN_UNIT] = unit;
      return this.advance(w);
    }
    R.F[(w << 3) + F_QUEUE_WAIT] += this.now - R.F[(w << 3) + F_WAIT_START];
    if (U[o + U_IS_POOL] !== 0) {
      R.I[(w << 4) + I_HELD_UNIT] = unit; // it was waiting for a worker
      this.requestCpu(w);
    } else {
      this.startCpu(w); // it was waiting for a core
    }
  }

  protected accrueUnit(u: number): void {
    const U = this.units;
    const o = u * UNIT_STRIDE;
    const dt = this.now - U[o + U_LAST];
    if (dt > 0) {
      U[o + U_BUSY_AREA] += U[o + U_BUSY] * dt;
      U[o + U_QUEUE_AREA] += U[o + U_WAITING] * dt;
    }
    U[o + U_LAST] = this.now;
  }

  /** Starts every unit's integrals at zero, now (the measurement window opens). */
  protected startUnitIntegrals(): void {
    const U = this.units;
    for (let o = 0; o < U.length; o += UNIT_STRIDE) {
      U[o + U_LAST] = this.now;
      U[o + U_BUSY_AREA] = 0;
      U[o + U_QUEUE_AREA] = 0;
    }
  }

  /** Brings every unit's integrals up to now (the measurement window closes). */
  protected accrueAllUnits(): void {
    for (let u = 0; u < this.unitQueue.length; u++) this.accrueUnit(u);
  }

  private finish(): void {
    if (this.done) return;
    this.onFinish();
    this.done = true;
  }
}
