import type { HookKind, Protection } from '../worker/trace/protocol';

/**
 * The visual encoding, in one place: the 3D scene, the 2D view and the legend all read it, so the
 * legend always says what is drawn. Colours keep ≥ 3:1 contrast against the scene background.
 */

export type Leg = 'request' | 'response' | 'handler';
export type PacketState = 'service' | 'queued' | 'dropped' | 'timed out' | 'retried';

export const LEG_COLOR: Record<Leg, string> = {
  request: '#2f7bf6',
  response: '#f08a14',
  handler: '#a45ee5',
};

/** Scale of a packet by leg: requests tall, responses flat, handler work cubic — shape tells legs apart without colour. */
export const LEG_SCALE: Record<Leg, [number, number, number]> = {
  request: [0.3, 0.52, 0.3],
  response: [0.5, 0.26, 0.5],
  handler: [0.4, 0.4, 0.4],
};

/** State overrides: queued packets are dimmed and smaller; failures flash in their own colour, larger. */
export const STATE_COLOR: Record<Exclude<PacketState, 'service' | 'queued'>, string> = {
  dropped: '#e0245e',
  'timed out': '#8a8f98',
  // Lime, not yellow: a yellow retry (#f2c500) read as the orange of a response packet.
  retried: '#a3e635',
};
export const QUEUED_DIM = 0.45;
/** Every packet is drawn this much larger than LEG_SCALE, so it shows over the proxies and kernels it crosses. */
export const PACKET_SIZE = 1.7;
/** …and this much larger again in presentation mode (projector). */
export const PRESENTATION_PACKET_SIZE = 1.4;
/** Labels in presentation mode. */
export const PRESENTATION_LABEL_SIZE = 1.35;
/** Packets ride this far above their path in the 3D view, and draw over boxes they pass. */
export const PACKET_LIFT = 0.6;
export const QUEUED_SCALE = 0.75;
export const FAILED_SCALE = 1.5;

export const PROTECTION_COLOR: Record<Protection, string> = {
  mtls: '#1f9d55',
  node: '#8e44ad',
  plain: '#d64541',
};
export const PROTECTION_LABEL: Record<Protection, string> = {
  mtls: 'workload mTLS (proxy or library to proxy or library)',
  node: 'node-to-node encryption (WireGuard/IPsec in the kernel)',
  plain: 'plaintext',
};

export const HOOK_COLOR: Record<HookKind, string> = {
  netfilter: '#e67e22',
  'ebpf-tc': '#16a085',
  'ebpf-socket': '#27c4b0',
  'ebpf-redirect': '#7dcf3a',
  wireguard: '#8e44ad',
};
export const HOOK_LABEL: Record<HookKind, string> = {
  netfilter: 'netfilter (iptables/nftables chains)',
  'ebpf-tc': 'tc eBPF program',
  'ebpf-socket': 'socket eBPF (connect/sockmap)',
  'ebpf-redirect': 'eBPF redirect',
  wireguard: 'WireGuard in the kernel',
};

export const COMPONENT_COLOR = {
  platform: '#3b4350',
  kernel: '#5a4632',
  pod: '#6b7a90',
  app: '#4aa3df',
  // Rose, not orange: an orange sidecar was hard to tell from the response-leg packets passing through it.
  sidecar: '#f06fa0',
  library: '#9ad1f5',
  nodeproxy: '#1aa39a',
  waypoint: '#deb887',
  loadgen: '#95a5a6',
  nic: '#d0d4da',
} as const;

export const COMPONENT_LABEL: Record<keyof typeof COMPONENT_COLOR, string> = {
  platform: 'node (platform)',
  kernel: "node's kernel (beneath its pods)",
  pod: 'pod',
  app: 'app container',
  sidecar: 'sidecar proxy',
  library: 'in-app library thread pool',
  nodeproxy: 'node proxy (ztunnel / per-node Envoy)',
  waypoint: 'waypoint proxy',
  loadgen: 'load generator pod',
  nic: 'NIC',
};

export const UTIL_LOW = '#2ecc71';
export const UTIL_HIGH = '#e74c3c';
export const QUEUE_COLOR = '#f1c40f';

export function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

/** What a lesson points at: the selection's yellow, which no component, hop or packet colour uses. */
export const EMPHASIS_COLOR = '#ffe14d';
