import type { HopLedgerEntry } from '../../model/comparison';
import { STEP_HOP, STEP_ACQUIRE, STEP_RELEASE, type Compiled } from '../compile';
import type { CompiledScenario, HopInfo } from './compileScenario';
import { drain } from './stepBudget';

export type { HopLedgerEntry };

export interface LedgerSource {
  visits(hop: number): number;
  serviceUs(hop: number): number;
  waitUs(hop: number): number;
}

/**
 * Where each hop's figures go in the ledger, worked out once per compiled design: the hops in route
 * order (request leg, handler, nested calls, response leg), each with its group (a call and segment,
 * or a service's handler). The ledger at any load or cost profile of the design is then a pass over
 * these arrays: no strings built, no maps looked up.
 */
export interface LedgerPlan {
  /** Hop indices in the order a request meets them, each once. */
  order: Int32Array;
  /** Per entry of `order`: its group, numbered in the order groups are first met. */
  group: Int32Array;
  keys: string[];
  calls: string[];
  /** Per group: the first hop met (the entry's descriptive fields come from it). */
  first: Int32Array;
}

/**
 * The plan of a compiled scenario's ledger. `net`, the spec's compiled network when the caller has it
 * (the estimate does), is walked by index instead of by id. A design re-costed at another profile
 * (recost.ts) has the same plan.
 */
/**
 * Each compiled design's plan, once worked out (the estimate's, walked with the network): the measured
 * ledger of the same design after its runs (view.ts) reads it again rather than walking the routes by
 * id (tens of ms for a 2,000-pod design). A plan depends on the design alone, not on how it was walked.
 */
const plans = new WeakMap<CompiledScenario, LedgerPlan>();

export function ledgerPlan(c: CompiledScenario, net?: Compiled): LedgerPlan {
  return drain(ledgerPlanSteps(c, net));
}

/**
 * `ledgerPlan` a part at a time: with `net`, the walk yields after every `part` hops added when `spend`
 * says the step has done enough (the same plan).
 */
export function* ledgerPlanSteps(
  c: CompiledScenario,
  net?: Compiled,
  spend: (hops: number) => boolean = () => false,
  part = 4096,
): Generator<void, LedgerPlan, void> {
  const known = plans.get(c);
  if (known) return known;
  const serviceOfPod = new Map(c.placement.pods.map((p) => [p.id, p.service ?? 'loadgen']));
  const groups = new Map<string, number>();
  const keys: string[] = [];
  const calls: string[] = [];
  const firsts: number[] = [];
  const order: number[] = [];
  const group: number[] = [];

  // Every hop of a leg shares its route's call ("frontend > cart"): worked out once per route, not per hop.
  const callOfRoute = new Map<string, string>();
  const groupOf = (h: HopInfo): { key: string; call: string } => {
    if (h.id.startsWith('handler:')) {
      const svc = serviceOfPod.get(h.pod) ?? h.pod;
      return { key: `handler|${svc}`, call: svc };
    }
    const slash = h.id.indexOf('/');
    const route = slash < 0 ? h.id : h.id.slice(0, slash);
    const segment = slash < 0 ? '' : h.id.slice(slash + 1);
    let call = callOfRoute.get(route);
    if (call === undefined) {
      const [client, server] = route.replace(/^leg:/, '').split('>');
      call = `${serviceOfPod.get(client) ?? client} > ${serviceOfPod.get(server) ?? server}`;
      callOfRoute.set(route, call);
    }
    return { key: `${call}|${segment}`, call };
  };

  const add = (i: number) => {
    const { key, call } = groupOf(c.hops[i]);
    let g = groups.get(key);
    if (g === undefined) {
      g = keys.length;
      groups.set(key, g);
      keys.push(key);
      calls.push(call);
      firsts.push(i);
    }
    order.push(i);
    group.push(g);
  };

  // Route order: walk from the entry; every hop is added once, in the order a request meets it.
  const seen = new Uint8Array(c.hops.length);
  if (net) {
    const seenRoutes = new Uint8Array(net.routes.length);
    let added = 0;
    const walk = function* (route: number): Generator<void, void, void> {
      if (seenRoutes[route]) return;
      seenRoutes[route] = 1;
      const r = net.routes[route];
      for (let k = 0; k < r.stepType.length; k++) {
        const type = r.stepType[k];
        if (type === STEP_HOP) {
          const i = r.stepArg[k];
          if (!seen[i]) {
            seen[i] = 1;
            add(i);
            if (++added === part) {
              added = 0;
              if (spend(part)) yield;
            }
          }
        } else if (type !== STEP_ACQUIRE && type !== STEP_RELEASE)
          for (const t of r.calls[r.stepArg[k]]) yield* walk(t);
      }
    };
    yield* walk(net.entry);
    if (spend(added)) yield;
  } else {
    const hopIndex = new Map(c.hops.map((h, i) => [h.id, i]));
    const routes = new Map(c.spec.routes.map((r) => [r.id, r]));
    const seenRoutes = new Set<string>();
    const walk = (id: string) => {
      if (seenRoutes.has(id)) return;
      seenRoutes.add(id);
      const r = routes.get(id);
      if (!r) return;
      for (const st of r.steps) {
        if ('hop' in st) {
          const i = hopIndex.get(st.hop);
          if (i !== undefined && !seen[i]) {
            seen[i] = 1;
            add(i);
          }
        } else if ('call' in st || 'choose' in st)
          for (const t of 'call' in st ? st.call : st.choose) walk(t);
      }
    };
    walk(c.spec.entry);
  }
  const plan = {
    order: Int32Array.from(order),
    group: Int32Array.from(group),
    keys,
    calls,
    first: Int32Array.from(firsts),
  };
  plans.set(c, plan);
  return plan;
}

/** Ledger entries in route order (request leg, handler, nested calls, response leg). */
export function buildLedger(c: CompiledScenario, src: LedgerSource, net?: Compiled): HopLedgerEntry[] {
  return ledgerFromPlan(c, ledgerPlan(c, net), src);
}

/** The ledger of `c` (or of the same design re-costed) from its plan. */
export function ledgerFromPlan(c: CompiledScenario, plan: LedgerPlan, src: LedgerSource): HopLedgerEntry[] {
  const n = plan.keys.length;
  const visits = new Float64Array(n);
  const serviceSum = new Float64Array(n);
  const waitSum = new Float64Array(n);
  const container = new Float64Array(n);
  const kernel = new Float64Array(n);
  // The same sums, in the same order, as adding hop by hop into each entry.
  for (let k = 0; k < plan.order.length; k++) {
    const i = plan.order[k];
    const v = src.visits(i);
    if (v === 0) continue;
    const g = plan.group[k];
    const h = c.hops[i];
    visits[g] += v;
    serviceSum[g] += v * src.serviceUs(i);
    waitSum[g] += v * src.waitUs(i);
    const cpu = v * (h.cpuUs + h.postUs);
    if (h.cpuClass === 'kernel') kernel[g] += cpu;
    else if (h.cpuClass !== 'none') container[g] += cpu;
  }
  const entries: HopLedgerEntry[] = [];
  for (let g = 0; g < n; g++) {
    if (!(visits[g] > 0)) continue;
    const h = c.hops[plan.first[g]];
    entries.push({
      key: plan.keys[g],
      call: plan.calls[g],
      leg: h.leg,
      kind: h.kind,
      name: h.name,
      label: h.label,
      category: h.category,
      layer: h.layer,
      cpuClass: h.cpuClass,
      component: h.component,
      side: h.side,
      visits: visits[g],
      onPathUs: h.onPathUs,
      cpuUs: h.cpuUs,
      postUs: h.postUs,
      serviceUs: visits[g] ? serviceSum[g] / visits[g] : 0,
      waitUs: visits[g] ? waitSum[g] / visits[g] : 0,
      cpuPerRequestContainer: container[g],
      cpuPerRequestKernel: kernel[g],
      sources: h.sources,
      standing: h.standing,
    });
  }
  return entries;
}

/** User-space proxy visits on the entry call's request leg (first backend): a node proxy serving both ends counts twice. */
export function proxiesOnPath(c: CompiledScenario): number {
  let n = proxies.get(c.hops);
  if (n === undefined) proxies.set(c.hops, (n = countProxies(c)));
  return n;
}

/**
 * Each compiled design's count (a pass over its hops: tens of ms at 2,000 pods), kept by its hops: a
 * design reused for a change of load (reuse.ts) shares its hops and routes, and so its count.
 */
const proxies = new WeakMap<CompiledScenario['hops'], number>();

function countProxies(c: CompiledScenario): number {
  const leg = c.spec.routes.find((r) => r.id.startsWith('leg:loadgen>'));
  if (!leg) return 0;
  // Only the leg's own hops are looked at: one pass over the hops, no index of all of them.
  const onLeg = new Set<string>();
  for (const st of leg.steps) if ('hop' in st) onLeg.add(st.hop);
  const seen = new Set<string>();
  for (const h of c.hops)
    if (onLeg.has(h.id) && h.leg === 'request' && h.category === 'proxy')
      seen.add(`${h.side}:${h.component}`);
  return seen.size;
}
