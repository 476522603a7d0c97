import type { HopLedgerEntry } from '../../model/comparison';
import { STEP_HOP, STEP_ACQUIRE, STEP_RELEASE, type Compiled } from '../compile';
import type { CompiledScenario, HopInfo } from './compileScenario';

export type { HopLedgerEntry };

export interface LedgerSource {
  visits(hop: number): number;
  serviceUs(hop: number): number;
  waitUs(hop: number): number;
}

/**
 * Ledger entries in route order (request leg, handler, nested calls, response leg). `net`, the spec's
 * compiled network when the caller has it (the estimate does), is walked by index instead of by id.
 */
export function buildLedger(c: CompiledScenario, src: LedgerSource, net?: Compiled): HopLedgerEntry[] {
  const serviceOfPod = new Map(c.placement.pods.map((p) => [p.id, p.service ?? 'loadgen']));
  const entries = new Map<string, HopLedgerEntry & { serviceSum: number; waitSum: number }>();

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
    const h = c.hops[i];
    const v = src.visits(i);
    const { key, call } = groupOf(h);
    let e = entries.get(key);
    if (!e) {
      e = {
        key,
        call,
        leg: h.leg,
        kind: h.kind,
        name: h.name,
        label: h.label,
        category: h.category,
        layer: h.layer,
        cpuClass: h.cpuClass,
        component: h.component,
        side: h.side,
        visits: 0,
        onPathUs: h.onPathUs,
        cpuUs: h.cpuUs,
        postUs: h.postUs,
        serviceUs: 0,
        waitUs: 0,
        cpuPerRequestContainer: 0,
        cpuPerRequestKernel: 0,
        sources: h.sources,
        standing: h.standing,
        serviceSum: 0,
        waitSum: 0,
      };
      entries.set(key, e);
    }
    if (v === 0) return;
    e.visits += v;
    e.serviceSum += v * src.serviceUs(i);
    e.waitSum += v * src.waitUs(i);
    const cpu = v * (h.cpuUs + h.postUs);
    if (h.cpuClass === 'kernel') e.cpuPerRequestKernel += cpu;
    else if (h.cpuClass !== 'none') e.cpuPerRequestContainer += cpu;
  };

  // Route order: walk from the entry; every hop is added once, in the order a request meets it.
  const seen = new Uint8Array(c.hops.length);
  if (net) {
    const seenRoutes = new Uint8Array(net.routes.length);
    const walk = (route: number) => {
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
          }
        } else if (type !== STEP_ACQUIRE && type !== STEP_RELEASE)
          for (const t of r.calls[r.stepArg[k]]) walk(t);
      }
    };
    walk(net.entry);
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

  return [...entries.values()]
    .filter((e) => e.visits > 0)
    .map(({ serviceSum, waitSum, ...e }) => ({
      ...e,
      serviceUs: e.visits ? serviceSum / e.visits : 0,
      waitUs: e.visits ? waitSum / e.visits : 0,
    }));
}

/** User-space proxy visits on the entry call's request leg (first backend): a node proxy serving both ends counts twice. */
export function proxiesOnPath(c: CompiledScenario): number {
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
