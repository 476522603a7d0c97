/**
 * The home page's picture: one request, one direction, crossing the three designs of the story. Each
 * lane lists what the request passes through, in order, and the per-direction counts of
 * docs/references/packet-walks.md §10 it must agree with (tested): user-space proxies, and kernel TCP/IP
 * traversals (two per TCP leg, one at each end).
 */

export type StopKind = 'app' | 'proxy' | 'kernel' | 'wire';

export interface Stop {
  label: string;
  kind: StopKind;
}

export interface Lane {
  id: 'library' | 'sidecar' | 'ebpf';
  name: string;
  /** The design in one line: what it gives and what it costs. */
  takeaway: string;
  stops: Stop[];
  /** packet-walks §10, per direction. */
  proxies: number;
  tcpLegs: number;
}

const app = (label: string): Stop => ({ label, kind: 'app' });
const kernel = (label = 'kernel'): Stop => ({ label, kind: 'kernel' });
const wire: Stop = { label: 'wire', kind: 'wire' };

export const LANES: readonly Lane[] = [
  {
    id: 'library',
    name: 'Library (Hystrix, Ribbon)',
    takeaway: 'Resilience inside the app: no extra hop, but one library per language to keep in step.',
    stops: [app('app + library'), kernel(), wire, kernel(), app('app')],
    proxies: 0,
    tcpLegs: 1,
  },
  {
    id: 'sidecar',
    name: 'Sidecar proxy (Istio, Envoy)',
    takeaway: 'A proxy beside every pod: any language gets mTLS and L7 routing, at two proxies per call.',
    stops: [
      app('app'),
      kernel('iptables'),
      { label: 'Envoy', kind: 'proxy' },
      kernel(),
      wire,
      kernel('iptables'),
      { label: 'Envoy', kind: 'proxy' },
      kernel(),
      app('app'),
    ],
    proxies: 2,
    tcpLegs: 3,
  },
  {
    id: 'ebpf',
    name: 'eBPF in the kernel (Cilium)',
    takeaway: 'Programs in each node’s kernel: L3/L4 on the way, no extra hop; L7 rules still need an Envoy.',
    stops: [app('app'), kernel('kernel + eBPF'), wire, kernel('kernel + eBPF'), app('app')],
    proxies: 0,
    tcpLegs: 1,
  },
];

/** The longest lane's stop count: every lane's packet moves one stop per beat, all starting together. */
export const MOST_STOPS = Math.max(...LANES.map((l) => l.stops.length));
