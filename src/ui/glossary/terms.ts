import type { Actor } from '../../model/architecture';
import type { HookKind } from '../../worker/trace/protocol';

/**
 * Every glossary term the pages link outside the lessons (Simulate's inspector and legend, Compare's
 * headings and hints), by glossary id. `terms.test.ts` checks each is in lessons/glossary, so a link
 * can never open an empty popover; the type keeps a page from linking an id not listed here.
 */
export const LINKED_TERMS = [
  'sidecar',
  'ztunnel',
  'waypoint',
  'ebpf',
  'netfilter',
  'veth',
  'conntrack',
  'hbone',
  'mtls',
  'percentile',
  'vcpu-per-1000-rps',
  'cpu-accounting',
  'kubectl-top',
  'kernel-space',
  'wireguard',
  'l7',
  'telemetry',
  'connection-reuse',
  'library-model',
  'tc',
  'sockmap',
  'node',
  'pod',
  'nic',
  'loopback',
  'syscall',
  'tls-handshake',
  'dnat',
  'added-latency',
  'queueing',
  'utilisation',
  'thread-pool',
  'memory-footprint',
  'kernel-crossing',
  'copy',
  'context-switch',
  'iptables',
  'envoy',
  'redirect',
  'l4',
  'linkerd2-proxy',
] as const;
export type TermId = (typeof LINKED_TERMS)[number];

/** The term for who runs a hop (the inspector's "Run by"). */
export const ACTOR_TERM: Record<Actor, TermId | null> = {
  app: null,
  library: 'library-model',
  sidecar: 'sidecar',
  nodeproxy: null,
  waypoint: 'waypoint',
  kernel: 'kernel-space',
  wire: 'nic',
};

/** The term that explains a hop kind, by its id's prefix (null: plain enough as named). */
export function hopKindTerm(kind: string): TermId | null {
  if (kind.startsWith('lib.')) return 'library-model';
  if (kind.startsWith('nf.nat')) return 'dnat';
  if (kind.startsWith('nf.')) return 'netfilter';
  if (kind === 'ebpf.tc') return 'tc';
  if (kind === 'ebpf.skmsg' || kind === 'ebpf.sock') return 'sockmap';
  if (kind.startsWith('ebpf.')) return 'ebpf';
  if (kind === 'veth') return 'veth';
  if (kind === 'lo') return 'loopback';
  if (kind.startsWith('sys.')) return 'syscall';
  if (kind === 'tls.hs') return 'tls-handshake';
  if (kind.startsWith('tls.')) return 'mtls';
  if (kind === 'h2.connect') return 'hbone';
  if (kind === 'crypto.kernel') return 'wireguard';
  if (kind === 'nic.wire') return 'nic';
  if (kind === 'proxy.l7.waypoint') return 'waypoint';
  if (kind === 'proxy.l7.linkerd') return 'linkerd2-proxy';
  if (kind === 'proxy.l4.mtls') return 'mtls';
  if (kind.startsWith('proxy.l4')) return 'l4';
  if (kind.startsWith('proxy.l7')) return 'l7';
  return null;
}

/** The term for each kernel hook (the inspector's node details). */
export const HOOK_TERM: Record<HookKind, TermId> = {
  netfilter: 'netfilter',
  'ebpf-tc': 'tc',
  'ebpf-socket': 'sockmap',
  'ebpf-redirect': 'ebpf',
  wireguard: 'wireguard',
};
