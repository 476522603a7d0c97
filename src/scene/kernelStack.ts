import type { HookKind, TraceLayout } from '../worker/trace/protocol';

/**
 * The node's kernel as the network stack it is: the named parts a packet crosses, which of them the
 * current design uses on a node, and which one the drawn request is crossing now. Data only (no
 * three.js): the 3D kernel view draws it and the tests check it.
 *
 * Which parts a hop kind crosses (models/hop-kinds.json, kernel layer) and which parts a node's
 * hooks (netfilter, tc/socket eBPF, WireGuard) stand for are two small tables; every kernel-layer
 * hop kind has a row (kernelStack.test.ts checks it against the catalog).
 */

export type StackPartId =
  | 'socket'
  | 'sock-ebpf'
  | 'tcpip'
  | 'nf-output'
  | 'conntrack'
  | 'routing'
  | 'nf-postrouting'
  | 'nf-prerouting'
  | 'tc-ebpf'
  | 'overlay'
  | 'crypto'
  | 'loopback'
  | 'veth';

/** The parts in the order drawn: from the socket down to the devices a packet leaves by. */
export const STACK_PARTS: readonly { id: StackPartId; name: string }[] = [
  { id: 'socket', name: 'socket (send/recv syscalls)' },
  { id: 'sock-ebpf', name: 'socket eBPF (sockmap)' },
  { id: 'tcpip', name: 'TCP/IP' },
  { id: 'nf-output', name: 'netfilter OUTPUT' },
  { id: 'conntrack', name: 'conntrack' },
  { id: 'routing', name: 'routing' },
  { id: 'nf-postrouting', name: 'netfilter POSTROUTING' },
  { id: 'nf-prerouting', name: 'netfilter PREROUTING' },
  { id: 'tc-ebpf', name: 'tc ingress/egress eBPF' },
  { id: 'overlay', name: 'overlay encap/decap' },
  { id: 'crypto', name: 'WireGuard / IPsec' },
  { id: 'loopback', name: 'loopback (lo)' },
  { id: 'veth', name: 'veth pair' },
];

const NETFILTER: StackPartId[] = ['nf-output', 'nf-prerouting', 'nf-postrouting', 'conntrack'];

/** Kernel-layer hop kinds → the parts of the stack the hop crosses. */
export const HOP_KIND_PARTS: Readonly<Record<string, readonly StackPartId[]>> = {
  'sys.send': ['socket'],
  'sys.recv': ['socket'],
  'tcp.tx': ['tcpip', 'routing'],
  'tcp.rx': ['tcpip', 'routing'],
  lo: ['loopback', 'tcpip'],
  veth: ['veth'],
  'host.route': ['routing'],
  // The first packet's NAT rule walk (the redirect to the proxy) and an established flow's pass both
  // cross the hooks and conntrack's table.
  'nf.nat': NETFILTER,
  'nf.pass': NETFILTER,
  'ebpf.sock': ['sock-ebpf'],
  'ebpf.skmsg': ['sock-ebpf'],
  'ebpf.tc': ['tc-ebpf'],
  'ebpf.redirect': ['tc-ebpf'],
  encap: ['overlay'],
  decap: ['overlay'],
  'crypto.kernel': ['crypto'],
};

/** What each hook a node has in use stands for in the stack. */
export const HOOK_PARTS: Readonly<Record<HookKind, readonly StackPartId[]>> = {
  netfilter: NETFILTER,
  'ebpf-tc': ['tc-ebpf'],
  'ebpf-socket': ['sock-ebpf'],
  'ebpf-redirect': ['tc-ebpf'],
  wireguard: ['crypto'],
};

/** Every message to or from a pod crosses these, whatever the design. */
const ALWAYS: readonly StackPartId[] = ['socket', 'tcpip', 'routing'];

/** The parts the current design uses on a node: always-crossed parts, its hooks, and its hops' kinds. */
export function partsInUse(layout: Pick<TraceLayout, 'nodes' | 'hops'>, node: number): Set<StackPartId> {
  const used = new Set<StackPartId>(ALWAYS);
  for (const h of layout.nodes[node]?.hooks ?? []) for (const p of HOOK_PARTS[h]) used.add(p);
  for (const h of layout.hops)
    if (h.node === node && h.layer === 'kernel') for (const p of HOP_KIND_PARTS[h.kind] ?? []) used.add(p);
  return used;
}

/** The parts a hop of this kind crosses (none for hops outside the kernel). */
export const partsOfKind = (kind: string | null | undefined): readonly StackPartId[] =>
  (kind && HOP_KIND_PARTS[kind]) || [];

export interface StackView {
  node: number;
  parts: { id: StackPartId; name: string; used: boolean; crossing: boolean }[];
}

/** The stack of one node: each part lit (used) or dimmed, and the ones the current hop is crossing. */
export function stackView(
  layout: Pick<TraceLayout, 'nodes' | 'hops'>,
  node: number,
  current: { kind: string; node: number } | null,
): StackView {
  const used = partsInUse(layout, node);
  const crossing = new Set(current && current.node === node ? partsOfKind(current.kind) : []);
  return {
    node,
    parts: STACK_PARTS.map((p) => ({ ...p, used: used.has(p.id), crossing: crossing.has(p.id) })),
  };
}
