import type { HookKind, Protection } from '../worker/trace/protocol';
import { COMPONENT, HOOK, LEG, LOAD, PROTECTION, STAGE, STATE, type ColourToken } from '../design/tokens';
import { hexToRgb } from '../design/colour';

/**
 * The visual encoding, in one place: the 3D scene, the 2D view and the legend all read it, so the
 * legend always says what is drawn. The colours are the design tokens' (src/design/tokens.ts) on the
 * stage, which is dark in both schemes, so the picture is one picture whatever the page's scheme.
 */

/** A token's value on the stage. */
const onStage = (t: ColourToken) => t.dark;

/** The stage behind the 3D scene and the 2D view. */
export const STAGE_BG = onStage(STAGE.bg);
export const STAGE_FG = onStage(STAGE.fg);
export const STAGE_OUTLINE = onStage(STAGE.outline);
export const PACKET_EDGE = onStage(STAGE['packet-edge']);

export type Leg = 'request' | 'response' | 'handler';
export type PacketState = 'service' | 'queued' | 'dropped' | 'timed out' | 'retried';

export const LEG_COLOR: Record<Leg, string> = {
  request: onStage(LEG.request),
  response: onStage(LEG.response),
  handler: onStage(LEG.handler),
};

/** Scale of a packet by leg: requests tall, responses flat, handler work cubic — shape tells legs apart without colour. */
export const LEG_SCALE: Record<Leg, [number, number, number]> = {
  request: [0.3, 0.52, 0.3],
  response: [0.5, 0.26, 0.5],
  handler: [0.4, 0.4, 0.4],
};

/** State overrides: queued packets are dimmed and smaller; failures flash in their own colour, larger. */
export const STATE_COLOR: Record<Exclude<PacketState, 'service' | 'queued'>, string> = {
  dropped: onStage(STATE.dropped),
  'timed out': onStage(STATE['timed-out']),
  retried: onStage(STATE.retried),
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
  mtls: onStage(PROTECTION.mtls),
  node: onStage(PROTECTION.node),
  plain: onStage(PROTECTION.plain),
};
export const PROTECTION_LABEL: Record<Protection, string> = {
  mtls: 'workload mTLS (proxy or library to proxy or library)',
  node: 'node-to-node encryption (WireGuard/IPsec in the kernel)',
  plain: 'plaintext',
};

export const HOOK_COLOR: Record<HookKind, string> = {
  netfilter: onStage(HOOK.netfilter),
  'ebpf-tc': onStage(HOOK['ebpf-tc']),
  'ebpf-socket': onStage(HOOK['ebpf-socket']),
  'ebpf-redirect': onStage(HOOK['ebpf-redirect']),
  wireguard: onStage(HOOK.wireguard),
};
export const HOOK_LABEL: Record<HookKind, string> = {
  netfilter: 'netfilter (iptables/nftables chains)',
  'ebpf-tc': 'tc eBPF program',
  'ebpf-socket': 'socket eBPF (connect/sockmap)',
  'ebpf-redirect': 'eBPF redirect',
  wireguard: 'WireGuard in the kernel',
};

export const COMPONENT_COLOR = {
  platform: onStage(COMPONENT.platform),
  kernel: onStage(COMPONENT.kernel),
  pod: onStage(COMPONENT.pod),
  app: onStage(COMPONENT.app),
  sidecar: onStage(COMPONENT.sidecar),
  library: onStage(COMPONENT.library),
  nodeproxy: onStage(COMPONENT.nodeproxy),
  waypoint: onStage(COMPONENT.waypoint),
  loadgen: onStage(COMPONENT.loadgen),
  nic: onStage(COMPONENT.nic),
} as const;

/** A kernel stack part with no hook of its own (socket, TCP/IP, routing, veth). */
export const KERNEL_PART_COLOR = onStage(COMPONENT['kernel-part']);

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

export const UTIL_LOW = onStage(LOAD['util-low']);
export const UTIL_HIGH = onStage(LOAD['util-high']);
export const QUEUE_COLOR = onStage(LOAD.queue);

export { hexToRgb };

/** What a lesson points at: the selection's yellow, which no component, hop or packet colour uses. */
export const EMPHASIS_COLOR = onStage(STAGE.emphasis);
