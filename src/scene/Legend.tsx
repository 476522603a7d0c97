import { memo, type ReactNode } from 'react';
import type { HookKind, Protection, TraceLayout } from '../worker/trace/protocol';
import { formatOrdinal } from '../model/ordinal';
import { useRenderCount } from './renderCount';
import {
  COMPONENT_COLOR,
  COMPONENT_LABEL,
  HOOK_COLOR,
  HOOK_LABEL,
  LEG_COLOR,
  PROTECTION_COLOR,
  PROTECTION_LABEL,
  QUEUE_COLOR,
  STATE_COLOR,
  UTIL_HIGH,
  UTIL_LOW,
} from './palette';
import { MANY_LINKS } from './linkFilter';
import { POD_LABELS_UP_TO } from './sceneLabels';

/** Packet shapes in the words of the view shown: boxes in 3D, rectangles seen from above in 2D. */
const SHAPE_WORDS = {
  '3d': { request: 'tall', response: 'flat', handler: 'cube', queued: 'dimmed, smaller, lifted' },
  '2d': {
    request: 'upright rectangle',
    response: 'wide rectangle',
    handler: 'square',
    queued: 'dimmed, smaller, raised above its path',
  },
} as const;

/**
 * Turns a legend word into a link to its glossary entry (the page passes the glossary's popover; the
 * scene cannot import the UI layer). Without one the words are plain text.
 */
export type TermLink = (id: string, label: ReactNode) => ReactNode;

/** Glossary ids of the legend's words (null: plain enough). `Legend.test` checks each is in the glossary. */
export const LEGEND_TERMS: {
  component: Record<keyof typeof COMPONENT_COLOR, string | null>;
  hook: Record<HookKind, string>;
  protection: Record<Protection, string | null>;
  load: { utilisation: string; queue: string };
} = {
  component: {
    platform: 'node',
    kernel: 'kernel-space',
    pod: 'pod',
    app: null,
    sidecar: 'sidecar',
    library: 'library-model',
    nodeproxy: 'ztunnel',
    waypoint: 'waypoint',
    loadgen: null,
    nic: 'nic',
  },
  hook: {
    netfilter: 'netfilter',
    'ebpf-tc': 'tc',
    'ebpf-socket': 'sockmap',
    'ebpf-redirect': 'ebpf',
    wireguard: 'wireguard',
  },
  protection: { mtls: 'mtls', node: 'wireguard', plain: null },
  load: { utilisation: 'utilisation', queue: 'queueing' },
};

/** The visual encoding, explained; only what this layout can show is listed. */
export const Legend = memo(function Legend({
  layout,
  view,
  mode = '3d',
  termLink,
}: {
  layout: TraceLayout;
  view: 'trace' | 'load';
  mode?: '3d' | '2d';
  termLink?: TermLink;
}) {
  useRenderCount('legend');
  const words = SHAPE_WORDS[mode];
  const term = (id: string | null, label: ReactNode) => (id && termLink ? termLink(id, label) : label);
  const comps = (['platform', 'kernel', 'pod', 'app', 'loadgen'] as const).slice();
  const extra: (keyof typeof COMPONENT_COLOR)[] = [];
  if (layout.pods.some((p) => p.sidecar)) extra.push('sidecar');
  if (layout.pods.some((p) => p.library)) extra.push('library');
  if (layout.nodeProxies.length) extra.push('nodeproxy');
  if (layout.pods.some((p) => p.role === 'waypoint')) extra.push('waypoint');
  // Several load-generator clients (workload.clients) are said as many: one swatch, their count.
  const clients = layout.pods.filter((p) => p.role === 'loadgen').length;
  const label = (c: keyof typeof COMPONENT_COLOR) =>
    c === 'loadgen' && clients > 1 ? `load generator pods (${clients} clients)` : COMPONENT_LABEL[c];
  const hooks = [...new Set(layout.nodes.flatMap((n) => n.hooks))];
  const protections = [...new Set(layout.links.map((l) => l.protection))];
  return (
    <div className="sim-legend" aria-label="Legend" role="group" data-testid="legend">
      {/* Its sections are h3s; this keeps the page's heading levels in order (h1 → h2 → h3). */}
      <h2 className="sr-only">Legend</h2>
      <div>
        <h3>Packets (one message each)</h3>
        <ul>
          <li>
            <span className="swatch shape-request" style={{ background: LEG_COLOR.request }} />
            request leg ({words.request})
          </li>
          <li>
            <span className="swatch shape-response" style={{ background: LEG_COLOR.response }} />
            response leg ({words.response})
          </li>
          <li>
            <span className="swatch" style={{ background: LEG_COLOR.handler }} />
            server handler ({words.handler})
          </li>
          <li>
            <span className="swatch" style={{ background: LEG_COLOR.request, opacity: 0.5 }} />
            queued: {words.queued}
          </li>
          <li>
            <span className="swatch" style={{ background: STATE_COLOR.dropped }} />
            dropped (queue full or lost)
          </li>
          <li>
            <span className="swatch" style={{ background: STATE_COLOR['timed out'] }} />
            timed out
          </li>
          <li>
            <span className="swatch" style={{ background: STATE_COLOR.retried }} />
            retried
          </li>
        </ul>
        <p className="hint">
          A packet moves along its hop for exactly as long as the hop took (time slowed uniformly).
        </p>
        <p className="hint" data-testid="legend-route">
          The line through the hops is one request’s whole route (the selected packet’s, else one in flight,
          kept until it is delivered: the one “Follow a packet” follows): request leg blue, response leg
          orange
          {mode === '2d' ? ' and dashed' : ', thinner and lower'}. The box over the picture names the hop it
          is crossing with that hop’s mean cost, and the request’s latency and CPU so far.
        </p>
      </div>
      <div>
        <h3>Components</h3>
        <ul>
          {[...comps, ...extra].map((c) => (
            <li key={c}>
              <span className="swatch" style={{ background: COMPONENT_COLOR[c] }} />
              {term(LEGEND_TERMS.component[c], label(c))}
            </li>
          ))}
        </ul>
        {mode === '3d' && layout.pods.length > POD_LABELS_UP_TO && (
          <p className="hint" data-testid="legend-lod">
            A node far from the camera is drawn as one block (app blue
            {layout.pods.some((p) => p.sidecar) ? ', its sidecars as the pink strip' : ''}) with its pod
            count; come closer or select the node to see each pod.
          </p>
        )}
      </div>
      <div>
        <h3>Kernel hooks in use</h3>
        <ul>
          {hooks.length === 0 && <li>none beyond the plain TCP/IP path</li>}
          {hooks.map((h) => (
            <li key={h}>
              <span className="swatch" style={{ background: HOOK_COLOR[h] }} />
              {term(LEGEND_TERMS.hook[h], HOOK_LABEL[h])}
            </li>
          ))}
        </ul>
        <h3>Links between nodes</h3>
        <ul>
          {protections.length === 0 && <li>none (everything on one node)</li>}
          {protections.map((p) => (
            <li key={p}>
              <span
                className={`swatch line${p === 'plain' ? ' dashed' : ''}`}
                style={{ background: PROTECTION_COLOR[p] }}
              />
              {term(LEGEND_TERMS.protection[p], PROTECTION_LABEL[p])}
            </li>
          ))}
        </ul>
        {layout.links.length > 1 && (
          <p className="hint">
            The Links control picks which to draw: all, those carrying traffic now, or the selected node’s;
            more than {MANY_LINKS} at once are drawn faded.
          </p>
        )}
      </div>
      {view === 'load' && (
        <div>
          <h3>Resources (load view)</h3>
          <ul>
            <li>
              <span className="swatch" style={{ background: `linear-gradient(${UTIL_LOW}, ${UTIL_HIGH})` }} />
              bar height: {term(LEGEND_TERMS.load.utilisation, 'utilisation')} (green idle → red saturated)
            </li>
            <li>
              <span className="swatch" style={{ background: QUEUE_COLOR }} />
              bar height: messages waiting ({term(LEGEND_TERMS.load.queue, 'queue')}, log scale)
            </li>
          </ul>
          {layout.run.sampleEvery > 1 && (
            <p className="hint">
              Packets: every {formatOrdinal(layout.run.sampleEvery)} request is drawn; queues count all.
            </p>
          )}
        </div>
      )}
    </div>
  );
});
