import { compileScenario, UnsupportedError, type CompiledScenario } from '../../engine';
import type { ArchitectureId } from '../../model/architecture';
import type { Models } from '../../model/models';
import type { Scenario } from '../../model/scenario';
import type {
  HookKind,
  LayoutHop,
  LayoutLink,
  LayoutPod,
  LayoutStation,
  Protection,
  TraceLayout,
} from './protocol';
import { legOfHop, stationId } from '../../model/ids';

/**
 * The compiled scenario as plain data for the page: nodes with the kernel hooks in use, pods with
 * their containers, node proxies, stations, hops (with their route neighbours and resources) and the
 * links between nodes with what protects them. Everything is derived from the compiled spec, so the
 * picture shows exactly what the engine runs.
 */

const HOOK_ORDER: HookKind[] = ['netfilter', 'ebpf-tc', 'ebpf-socket', 'ebpf-redirect', 'wireguard'];

export function hookOf(kind: string, category: string): HookKind | null {
  if (category === 'netfilter') return 'netfilter';
  if (kind === 'ebpf.tc') return 'ebpf-tc';
  if (kind === 'ebpf.sock' || kind === 'ebpf.skmsg') return 'ebpf-socket';
  if (kind === 'ebpf.redirect') return 'ebpf-redirect';
  if (kind === 'crypto.kernel') return 'wireguard';
  return null;
}

const PROTECTION_RANK: Record<Protection, number> = { plain: 0, node: 1, mtls: 2 };

type Base = Omit<TraceLayout, 'session' | 'view' | 'architectures' | 'run'>;

export function buildLayout(s: Scenario, c: CompiledScenario): Base {
  const { placement, architecture: arch, spec } = c;
  const nodeOf = (id: string | undefined) => (id && id.startsWith('n') ? Number(id.slice(1)) : 0);

  // A waypoint station is named after whom it serves: "namespace shop" or its one service.
  const waypointOwner = new Map(
    [...placement.waypoints.values()].map((wp) => [
      wp.key,
      s.topology.waypointScope === 'namespace' ? `namespace ${wp.namespace}` : wp.key,
    ]),
  );
  const stationIndex = new Map<string, number>();
  const stations: LayoutStation[] = spec.stations.map((st, i) => {
    stationIndex.set(st.id, i);
    const [prefix, rest] = splitId(st.id);
    const pod =
      prefix === 'app' || prefix === 'sidecar' || prefix === 'library'
        ? rest
        : prefix === 'waypoint'
          ? `waypoint-${rest}`
          : null;
    return {
      id: st.id,
      kind: st.kind,
      servers: st.servers,
      component: st.component ?? (st.kind === 'cpu' ? 'node' : 'app'),
      node: nodeOf(st.node),
      pod,
      label: stationLabel(prefix, prefix === 'waypoint' ? (waypointOwner.get(rest) ?? rest) : rest, arch),
    };
  });

  const pods: LayoutPod[] = placement.pods.map((p) => ({
    id: p.id,
    service: p.service,
    node: p.node,
    role: p.service ? 'service' : 'loadgen',
    sidecar: stationIndex.has(stationId.sidecar(p.id)),
    library: stationIndex.has(stationId.library(p.id)),
  }));
  // One pod per waypoint as placed: per namespace by default, so services may share one.
  if (arch.waypoint)
    for (const wp of placement.waypoints.values())
      pods.push({
        id: wp.id,
        service: null,
        node: wp.node,
        role: 'waypoint',
        sidecar: false,
        library: false,
        serves: { namespace: wp.namespace, services: [...wp.services] },
      });

  const hopIndex = new Map(spec.hops.map((h, i) => [h.id, i]));
  const prev = new Int32Array(spec.hops.length).fill(-1);
  const next = new Int32Array(spec.hops.length).fill(-1);
  const fromPod: string[] = c.hops.map((h) => h.pod);
  const toPod: string[] = c.hops.map((h) => h.pod);
  for (const route of spec.routes) {
    const m = /^leg:(.+)>(.+)$/.exec(route.id);
    let last = -1;
    for (const step of route.steps) {
      if (!('hop' in step)) continue;
      const h = hopIndex.get(step.hop);
      if (h === undefined) continue;
      if (m) {
        fromPod[h] = m[1];
        toPod[h] = m[2];
      }
      prev[h] = last;
      if (last >= 0) next[last] = h;
      last = h;
    }
  }
  // A handler hop is its own one-step leg: it starts and ends at its pod.
  const hops: LayoutHop[] = c.hops.map((info, i) => {
    const st = spec.hops[i];
    const wire: [number, number] | null =
      info.actor === 'wire'
        ? [prev[i] >= 0 ? c.hops[prev[i]].node : info.node, next[i] >= 0 ? c.hops[next[i]].node : info.node]
        : null;
    return {
      ...info,
      prev: prev[i],
      fromPod: fromPod[i],
      toPod: toPod[i],
      wire,
      pool: st.pool !== undefined ? (stationIndex.get(st.pool) ?? -1) : -1,
      cpu: st.cpu ? (stationIndex.get(st.cpu.station) ?? -1) : -1,
    };
  });

  const hooks = Array.from({ length: s.topology.nodes }, () => new Set<HookKind>());
  for (const h of hops) {
    const k = hookOf(h.kind, h.category);
    if (k) hooks[h.node].add(k);
  }

  // Links: a wire hop joins the nodes of the hops before and after it. What protects the traffic is
  // read from the leg it belongs to: a TLS record hop means workload mTLS, kernel crypto means node
  // encryption. A link shows the weakest protection of any leg that crosses it.
  const legProtection = new Map<string, Protection>();
  for (const h of hops) {
    const leg = legOfHop(h.id);
    const p: Protection = h.kind === 'tls.rec' ? 'mtls' : h.kind === 'crypto.kernel' ? 'node' : 'plain';
    const cur = legProtection.get(leg);
    if (cur === undefined || PROTECTION_RANK[p] > PROTECTION_RANK[cur]) legProtection.set(leg, p);
  }
  const links = new Map<string, LayoutLink>();
  for (const h of hops) {
    if (!h.wire || h.wire[0] === h.wire[1]) continue;
    const [a, b] = h.wire[0] < h.wire[1] ? h.wire : [h.wire[1], h.wire[0]];
    const p = legProtection.get(legOfHop(h.id)) ?? 'plain';
    const key = `${a}-${b}`;
    const cur = links.get(key);
    if (!cur || PROTECTION_RANK[p] < PROTECTION_RANK[cur.protection]) links.set(key, { a, b, protection: p });
  }

  const load = s.workload.load;
  return {
    scenarioName: s.name ?? 'Scenario',
    seed: s.seed,
    architecture: {
      id: arch.id,
      name: arch.name,
      summary: arch.summary,
      family: arch.family,
      sidecar: arch.sidecar?.name ?? null,
      nodeproxy: arch.nodeproxy?.name ?? null,
      waypoint: arch.waypoint?.name ?? null,
      library: arch.library?.name ?? null,
    },
    nodes: Array.from({ length: s.topology.nodes }, (_, n) => ({
      index: n,
      id: `n${n}`,
      cores: s.topology.coresPerNode,
      hooks: HOOK_ORDER.filter((k) => hooks[n].has(k)),
    })),
    pods,
    nodeProxies: arch.nodeproxy
      ? Array.from({ length: s.topology.nodes }, (_, n) => ({ node: n, name: arch.nodeproxy!.name }))
      : [],
    stations,
    hops,
    links: [...links.values()].sort((x, y) => x.a - y.a || x.b - y.b),
    features: {
      mtls: c.features.mtls,
      nodeEncryption: c.features.nodeEncryption,
      l7Policy: c.features.l7Policy,
      telemetry: c.features.telemetry,
      newConnection: c.features.newConnection,
    },
    notes: c.notes.map((n) => `${n.feature}: ${n.reason}`),
    load: { kind: load.kind, rps: 'rps' in load ? load.rps : null, connections: load.connections },
  };
}

function splitId(id: string): [string, string] {
  const i = id.indexOf(':');
  return i < 0 ? [id, ''] : [id.slice(0, i), id.slice(i + 1)];
}

function stationLabel(prefix: string, rest: string, arch: CompiledScenario['architecture']): string {
  switch (prefix) {
    case 'cpu':
      return `CPU cores of node ${rest}`;
    case 'app':
      return `${rest} app threads`;
    case 'sidecar':
      return `${rest} ${arch.sidecar?.name ?? 'sidecar'} workers`;
    case 'library':
      return `${rest} ${arch.library?.name ?? 'library'} threads`;
    case 'nodeproxy':
      return `${arch.nodeproxy?.name ?? 'node proxy'} workers on ${rest}`;
    case 'waypoint':
      return `${arch.waypoint?.name ?? 'waypoint'} workers for ${rest}`;
    default:
      return rest ? `${prefix} ${rest}` : prefix;
  }
}

/** Every architecture of the models, said runnable or not for the scenario (the switcher's list, with why not). */
export function runnableArchitectures(scenario: Scenario, current: string, models: Models) {
  return [...models.architectures.values()].map((a) => {
    const base = { id: a.id, name: a.name, family: a.family };
    if (a.id === current) return { ...base, runnable: true, reason: null };
    try {
      compileScenario(scenario, a.id as ArchitectureId, models);
      return { ...base, runnable: true, reason: null };
    } catch (e) {
      const reason = e instanceof UnsupportedError ? e.reasons.join('; ') : String((e as Error).message);
      return { ...base, runnable: false, reason };
    }
  });
}
