import type { SimSpec } from '../model/simSpec';

/**
 * Turns a validated SimSpec into index-based tables the event loop can walk without string lookups,
 * and checks references, naming the field of the first problem found.
 */

export interface CompiledStation {
  id: string;
  kind: 'cpu' | 'threads';
  servers: number;
  affinity: boolean;
  component: string;
  node: string;
  queueLimit: number; // Infinity when unlimited
  /** Index of the first queue unit; affinity pools own `servers` units of one server each. */
  firstUnit: number;
  unitCount: number;
}

export const STEP_HOP = 0;
export const STEP_CALL_PARALLEL = 1;
export const STEP_CALL_SEQUENTIAL = 2;
export const STEP_CHOOSE = 3;
export const STEP_ACQUIRE = 4;
export const STEP_RELEASE = 5;
export const POLICY_ROUND_ROBIN = 0;
export const POLICY_RANDOM = 1;
export const POLICY_CONNECTION = 2;

export interface CompiledRoute {
  id: string;
  /** For each step: its type and operand (hop index, or index into `calls`). */
  stepType: Int32Array;
  stepArg: Int32Array;
  calls: number[][];
  /** For choose steps (indexed like `calls`): balancing policy, and a global id for its round-robin counter. */
  policy: number[];
  chooser: number[];
  /** For choose steps: per-try timeout (Infinity when none) and retries. */
  timeoutUs: number[];
  retries: number[];
}

export interface Compiled {
  stations: CompiledStation[];
  unitCount: number;
  unitStation: Int32Array;
  unitServers: Int32Array;
  /** 1 for thread-pool units (waiters want a worker), 0 for CPU units (waiters want a core). */
  unitIsPool: Uint8Array;
  hopIndex: Map<string, number>;
  /** Per hop: pool station (-1 none), cpu station (-1 none), cpu class (0 container, 1 kernel). */
  hopPool: Int32Array;
  hopCpu: Int32Array;
  hopCpuClass: Int32Array;
  routes: CompiledRoute[];
  entry: number;
  /** Number of choose steps (each keeps a round-robin position). */
  choosers: number;
}

export class SpecError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'SpecError';
  }
}

export function compileSpec(spec: SimSpec): Compiled {
  const steps = compileSpecSteps(spec);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const compiledNets = new WeakMap<object, { spec: SimSpec; net: Compiled }>();

/**
 * `compileSpec` once per network: specs sharing their hops, stations, routes and entry (a design's
 * replications differ in their seed only, a sweep's points in load and run length) share one compiled
 * network. Nothing changes a compiled network once it is built.
 */
export function compiledNet(spec: SimSpec): Compiled {
  const hit = compiledNets.get(spec.routes);
  if (
    hit &&
    hit.spec.hops === spec.hops &&
    hit.spec.stations === spec.stations &&
    hit.spec.entry === spec.entry
  )
    return hit.net;
  const net = compileSpec(spec);
  compiledNets.set(spec.routes, { spec, net });
  return net;
}

/** Hops (or route steps) compiled between two calls of `compileSpecSteps`' `spend`. */
const SPEND_EVERY = 2048;

/**
 * `compileSpec` a part at a time, for an analysis on the page: after every few thousand hops and route
 * steps it tells `spend` how many it did and yields when `spend` answers true. The same network.
 */
export function* compileSpecSteps(
  spec: SimSpec,
  spend: (done: number) => boolean = () => false,
): Generator<void, Compiled, void> {
  const stationIndex = new Map<string, number>();
  const stations: CompiledStation[] = [];
  let units = 0;
  spec.stations.forEach((s, i) => {
    if (stationIndex.has(s.id)) throw new SpecError(`stations[${i}].id`, `duplicate station id '${s.id}'`);
    stationIndex.set(s.id, i);
    const affinity = s.kind === 'threads' && s.discipline === 'affinity';
    const unitCount = affinity ? s.servers : 1;
    stations.push({
      id: s.id,
      kind: s.kind,
      servers: s.servers,
      affinity,
      component: s.component ?? (s.kind === 'cpu' ? 'node' : 'app'),
      node: s.node ?? '',
      queueLimit: s.queueLimit ?? Infinity,
      firstUnit: units,
      unitCount,
    });
    units += unitCount;
  });
  const unitStation = new Int32Array(units);
  const unitServers = new Int32Array(units);
  const unitIsPool = new Uint8Array(units);
  for (let i = 0; i < stations.length; i++) {
    const s = stations[i];
    for (let u = 0; u < s.unitCount; u++) {
      unitStation[s.firstUnit + u] = i;
      unitServers[s.firstUnit + u] = s.affinity ? 1 : s.servers;
      unitIsPool[s.firstUnit + u] = s.kind === 'threads' ? 1 : 0;
    }
  }

  const hopIndex = new Map<string, number>();
  const nh = spec.hops.length;
  const hopPool = new Int32Array(nh).fill(-1);
  const hopCpu = new Int32Array(nh).fill(-1);
  const hopCpuClass = new Int32Array(nh);
  for (let i = 0; i < nh; i++) {
    const h = spec.hops[i];
    if (i % SPEND_EVERY === SPEND_EVERY - 1 && spend(SPEND_EVERY)) yield;
    if (hopIndex.has(h.id)) throw new SpecError(`hops[${i}].id`, `duplicate hop id '${h.id}'`);
    hopIndex.set(h.id, i);
    if (h.pool !== undefined) {
      const s = stationIndex.get(h.pool);
      if (s === undefined) throw new SpecError(`hops[${i}].pool`, `unknown station '${h.pool}'`);
      if (stations[s].kind !== 'threads')
        throw new SpecError(`hops[${i}].pool`, `station '${h.pool}' is not a thread pool`);
      hopPool[i] = s;
    }
    if (h.cpu) {
      const s = stationIndex.get(h.cpu.station);
      if (s === undefined)
        throw new SpecError(`hops[${i}].cpu.station`, `unknown station '${h.cpu.station}'`);
      if (stations[s].kind !== 'cpu')
        throw new SpecError(`hops[${i}].cpu.station`, `station '${h.cpu.station}' is not a cpu station`);
      hopCpu[i] = s;
      hopCpuClass[i] = h.cpu.cpuClass === 'kernel' ? 1 : 0;
    }
  }
  if (spend(nh % SPEND_EVERY)) yield;

  const routeIndex = new Map<string, number>();
  spec.routes.forEach((r, i) => {
    if (routeIndex.has(r.id)) throw new SpecError(`routes[${i}].id`, `duplicate route id '${r.id}'`);
    routeIndex.set(r.id, i);
  });
  let choosers = 0;
  const routes: CompiledRoute[] = [];
  let sinceSpent = 0;
  for (let ri = 0; ri < spec.routes.length; ri++) {
    const r = spec.routes[ri];
    if (sinceSpent >= SPEND_EVERY) {
      if (spend(sinceSpent)) yield;
      sinceSpent = 0;
    }
    sinceSpent += r.steps.length;
    const stepType = new Int32Array(r.steps.length);
    const stepArg = new Int32Array(r.steps.length);
    const calls: number[][] = [];
    const policy: number[] = [];
    const chooser: number[] = [];
    const timeoutUs: number[] = [];
    const retries: number[] = [];
    r.steps.forEach((st, si) => {
      if ('hop' in st) {
        const h = hopIndex.get(st.hop);
        if (h === undefined) throw new SpecError(`routes[${ri}].steps[${si}].hop`, `unknown hop '${st.hop}'`);
        stepType[si] = STEP_HOP;
        stepArg[si] = h;
      } else if ('acquire' in st || 'release' in st) {
        const field = 'acquire' in st ? 'acquire' : 'release';
        const id = 'acquire' in st ? st.acquire : st.release;
        const s = stationIndex.get(id);
        if (s === undefined)
          throw new SpecError(`routes[${ri}].steps[${si}].${field}`, `unknown station '${id}'`);
        if (stations[s].kind !== 'threads' || stations[s].affinity)
          throw new SpecError(
            `routes[${ri}].steps[${si}].${field}`,
            `station '${id}' must be a shared thread pool`,
          );
        stepType[si] = 'acquire' in st ? STEP_ACQUIRE : STEP_RELEASE;
        stepArg[si] = s;
      } else {
        const field = 'call' in st ? 'call' : 'choose';
        const ids = 'call' in st ? st.call : st.choose;
        const targets = ids.map((id, ci) => {
          const t = routeIndex.get(id);
          if (t === undefined)
            throw new SpecError(`routes[${ri}].steps[${si}].${field}[${ci}]`, `unknown route '${id}'`);
          return t;
        });
        if ('call' in st) {
          stepType[si] = st.mode === 'sequential' ? STEP_CALL_SEQUENTIAL : STEP_CALL_PARALLEL;
          policy.push(-1);
          chooser.push(-1);
          timeoutUs.push(Infinity);
          retries.push(0);
        } else {
          stepType[si] = STEP_CHOOSE;
          policy.push(
            st.policy === 'random'
              ? POLICY_RANDOM
              : st.policy === 'connection'
                ? POLICY_CONNECTION
                : POLICY_ROUND_ROBIN,
          );
          chooser.push(choosers++);
          timeoutUs.push(st.timeoutUs ?? Infinity);
          retries.push(st.retries);
        }
        stepArg[si] = calls.length;
        calls.push(targets);
      }
    });
    routes.push({ id: r.id, stepType, stepArg, calls, policy, chooser, timeoutUs, retries });
  }
  if (spend(sinceSpent)) yield;
  const entry = routeIndex.get(spec.entry);
  if (entry === undefined) throw new SpecError('entry', `unknown route '${spec.entry}'`);
  checkAcyclic(routes, entry);
  return {
    stations,
    unitCount: units,
    unitStation,
    unitServers,
    unitIsPool,
    hopIndex,
    hopPool,
    hopCpu,
    hopCpuClass,
    routes,
    entry,
    choosers,
  };
}

/** A route that (indirectly) calls itself would spawn requests forever. */
function checkAcyclic(routes: CompiledRoute[], entry: number): void {
  const state = new Int8Array(routes.length); // 0 new, 1 on stack, 2 done
  const visit = (r: number, path: string[]): void => {
    if (state[r] === 2) return;
    if (state[r] === 1) throw new SpecError('routes', `call cycle: ${[...path, routes[r].id].join(' → ')}`);
    state[r] = 1;
    for (const targets of routes[r].calls) for (const t of targets) visit(t, [...path, routes[r].id]);
    state[r] = 2;
  };
  visit(entry, []);
}
