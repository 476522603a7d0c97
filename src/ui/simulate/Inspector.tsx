import { Fragment, useEffect, useMemo, useState } from 'react';
import type { TraceEvent } from '../../machines/simulate/buffer';
import type { Selection } from '../../machines/simulate/selection';
import type { StationStateData } from '../../worker/trace/client';
import type { TraceLayout } from '../../worker/trace/protocol';
import { formatDuration } from '../../model/humanTime';
import { COMPONENT_NAMES, FAILED_OUTCOMES } from './eventFilter';
import {
  callerSideSpan,
  cumulative,
  hopDetails,
  LAYER_NAMES,
  layerTable,
  type Catalogs,
} from './inspectorData';
import { LayerView } from './LayerView';
import { Sources } from './Sources';
import { formatSimTime } from './timeFormat';
import { Term } from '../glossary/GlossaryTerm';
import { ACTOR_TERM, HOOK_TERM, hopKindTerm, type TermId } from '../glossary/terms';

/** Words linked to the glossary where it has them. */
const linked = (id: TermId | null, words: string) => (id ? <Term id={id}>{words}</Term> : words);

/** What each outcome of a hop record means, in the words of the engine's model. */
const OUTCOME_MEANING: Record<TraceEvent['outcome'], string> = {
  forwarded: 'it was served at once and passed on to the next hop',
  queued: 'it waited for a worker or a core, then was served and passed on',
  dropped:
    'the message was lost or refused here (queue full, injected loss, pod down); the error travels back to the caller',
  'timed out':
    'the caller stopped waiting for this try’s reply (per-try timeout); recorded by the caller at the call’s first hop, spanning the whole try',
  retried:
    'this try failed and the caller sent the request again; recorded by the caller at the hop where the try ended, spanning the whole try',
};

const HOOK_NAMES: Record<string, string> = {
  netfilter: 'netfilter chains (iptables / nftables)',
  'ebpf-tc': 'tc eBPF programs',
  'ebpf-socket': 'socket eBPF programs (connect, sockmap)',
  'ebpf-redirect': 'eBPF redirects',
  wireguard: 'WireGuard (kernel crypto)',
};

export interface InspectorProps {
  layout: TraceLayout;
  selection: Selection;
  catalogs: Catalogs;
  /** All records of the selected event's request (null while loading). */
  requestRecords: TraceEvent[] | null;
  /** The exact state at t; null when the question was superseded (nothing to show). */
  fetchState: (t: number) => Promise<StationStateData | null>;
  /** Playback time, for resources and pods. */
  t: number;
  /** The event shown is the packet the camera follows, not one picked. */
  following?: boolean;
}

/** What happens at the picked packet, hop, resource, pod or node: Packet Tracer's "inspect PDU" for mesh hops. */
export function Inspector(props: InspectorProps) {
  const { selection } = props;
  return (
    <section className="sim-panel sim-inspector" aria-labelledby="sim-inspector-h" data-testid="inspector">
      <h2 id="sim-inspector-h" tabIndex={-1}>
        Inspector
      </h2>
      {selection === null && (
        <p className="hint">
          Pick an event in the list, a packet or a component in the picture, or a row of the path view.
        </p>
      )}
      {props.following && selection?.kind === 'event' && (
        <p className="hint" data-testid="following">
          Following request #{selection.event.request}: the camera follows its packet, and this shows the hop
          it is crossing (at each hop while paused or stepping; per request while playing). Pick a packet or
          an event to inspect it instead.
        </p>
      )}
      {selection?.kind === 'event' && <EventDetails {...props} event={selection.event} />}
      {selection?.kind === 'station' && <StationDetails {...props} index={selection.index} />}
      {selection?.kind === 'pod' && <PodDetails {...props} id={selection.id} />}
      {selection?.kind === 'node' && <NodeDetails {...props} index={selection.index} />}
    </section>
  );
}

function useStateAt(fetchState: InspectorProps['fetchState'], t: number | null) {
  const [state, setState] = useState<{
    t: number;
    data: StationStateData | null;
    error: string | null;
  } | null>(null);
  useEffect(() => {
    if (t === null) return;
    let live = true;
    fetchState(t).then(
      (data) => live && data !== null && setState({ t, data, error: null }),
      (e: Error) => live && setState({ t, data: null, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [fetchState, t]);
  return state && state.t === t ? state : null;
}

function EventDetails({
  layout,
  catalogs,
  event,
  requestRecords,
  fetchState,
}: InspectorProps & { event: TraceEvent }) {
  const d = useMemo(() => hopDetails(layout, event.hop, catalogs), [layout, event.hop, catalogs]);
  const layers = useMemo(() => layerTable(layout, event.hop, catalogs), [layout, event.hop, catalogs]);
  const cum = requestRecords ? cumulative(requestRecords, event) : null;
  const state = useStateAt(fetchState, event.enter);
  const { hop, kind } = d;
  const stations = [hop.pool, hop.cpu].filter((i) => i >= 0);
  const span = callerSideSpan(event, formatDuration);
  return (
    <div className="sim-inspect">
      <p className="sim-packet-note">
        <strong>
          Packet: request #{event.request},{' '}
          {hop.leg === 'handler' ? 'in the server handler' : `${hop.leg} leg`}.
        </strong>{' '}
        A packet here is one whole request or response message; TCP segments are not modelled one by one.
      </p>
      {FAILED_OUTCOMES.includes(event.outcome) && (
        <p className={`sim-outcome outcome-${event.outcome.replace(' ', '-')}`} data-testid="outcome">
          <strong>Outcome: {event.outcome}</strong> — {OUTCOME_MEANING[event.outcome]}.
          {span && <> This record is the caller’s, not a pass through this hop: {span.long}.</>}
        </p>
      )}
      <h3>{hop.label}</h3>
      <dl className="sim-dl">
        <dt>Hop kind</dt>
        <dd>
          <code>{hop.kind}</code> — {linked(hopKindTerm(hop.kind), hop.name)}
        </dd>
        <dt>Where</dt>
        <dd>{d.place}</dd>
        <dt>Run by</dt>
        <dd>
          {linked(ACTOR_TERM[hop.actor], COMPONENT_NAMES[hop.actor] ?? hop.actor)} (
          {hop.cpuClass === 'none' ? 'no CPU' : linked('cpu-accounting', `${hop.cpuClass} CPU`)}), in the{' '}
          {LAYER_NAMES[hop.layer]}
        </dd>
      </dl>
      {kind && <p>{kind.description}</p>}

      <h4>Layer by layer</h4>
      <p className="hint">
        {d.prev
          ? `In: from “${d.prev.hop.label}” (${d.prev.place}).`
          : `In: the message starts here, from ${hop.fromPod}’s application.`}{' '}
        {d.next
          ? `Out: to “${d.next.hop.label}” (${d.next.place}).`
          : 'Out: the message is delivered; this is the last hop of its leg.'}
      </p>
      {layers ? (
        <LayerView table={layers} label={hop.label} />
      ) : (
        <p>This hop kind has no layer description.</p>
      )}

      {span ? (
        <>
          <h4>This try (recorded by the caller)</h4>
          <dl className="sim-dl" data-testid="try-span">
            <dt>Try sent</dt>
            <dd>{formatSimTime(event.enter)}</dd>
            <dt>{event.outcome === 'timed out' ? 'Caller gave up' : 'Retried'}</dt>
            <dd>{formatSimTime(event.leave)}</dd>
            <dt>Length</dt>
            <dd>{span.long}</dd>
          </dl>
        </>
      ) : (
        <>
          <h4>This traversal</h4>
          <dl className="sim-dl">
            <dt>Entered</dt>
            <dd>{formatSimTime(event.enter)}</dd>
            <dt>Queued</dt>
            <dd>{event.queueWait > 0 ? formatDuration(event.queueWait) : 'no wait'}</dd>
            <dt>In service</dt>
            <dd>{formatDuration(event.service)}</dd>
            <dt>CPU</dt>
            <dd>
              {event.cpu > 0
                ? `${formatDuration(event.cpu)} (sampled for this traversal; part of its service time)`
                : 'none'}
            </dd>
            <dt>Left</dt>
            <dd>{formatSimTime(event.leave)}</dd>
            <dt>Outcome</dt>
            <dd>
              {event.outcome}: {OUTCOME_MEANING[event.outcome]}
            </dd>
          </dl>
        </>
      )}

      <h4>Cost model (per message)</h4>
      {span && (
        <p className="hint">
          What one message costs at this hop. The try recorded here is not that cost: it spans every hop the
          try crossed and the wait for its reply.
        </p>
      )}
      {kind ? (
        <table className="sim-cost">
          <caption className="sr-only">Low, default and high cost of {kind.name}</caption>
          <thead>
            <tr>
              <th scope="col">level</th>
              <th scope="col">on path</th>
              <th scope="col">CPU</th>
              <th scope="col">per KiB</th>
              <th scope="col">after reply</th>
            </tr>
          </thead>
          <tbody>
            {(['low', 'default', 'high'] as const).map((lv) => (
              <tr key={lv}>
                <th scope="row">{lv}</th>
                <td>{formatDuration(kind.cost[lv].onPathUs)}</td>
                <td>{formatDuration(kind.cost[lv].cpuUs)}</td>
                <td>{formatDuration(kind.cost[lv].perKiBUs)}</td>
                <td>{formatDuration(kind.cost[lv].postUs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>This hop kind is not in the catalog.</p>
      )}
      <p className="hint">
        In this scenario: mean {formatDuration(hop.onPathUs)} on the path, {formatDuration(hop.cpuUs)} CPU
        {hop.postUs > 0 ? `, ${formatDuration(hop.postUs)} after the reply` : ''}. Standing:{' '}
        <strong>{hop.standing}</strong>.
      </p>

      <h4>Sources</h4>
      <Sources citations={d.citations} unknown={d.unknownSources} />

      <h4>So far on request #{event.request}</h4>
      {cum ? (
        <dl className="sim-dl" data-testid="cumulative">
          <dt>Latency</dt>
          <dd>
            {formatDuration(cum.latencyUs)} since its first hop ({cum.hops} hops)
          </dd>
          <dt>CPU</dt>
          <dd>{formatDuration(cum.cpuUs)} (sampled for the hops crossed, this run)</dd>
          <dt>Queued</dt>
          <dd>{cum.queuedUs > 0 ? formatDuration(cum.queuedUs) : 'never waited'}</dd>
        </dl>
      ) : (
        <p className="hint">Replaying the request…</p>
      )}

      <h4>The queue there, as the message arrived</h4>
      {stations.length === 0 && (
        <p>This hop uses no thread pool and no CPU (it is the wire): nothing to queue for.</p>
      )}
      {stations.length > 0 && <QueueState layout={layout} stations={stations} state={state} />}
    </div>
  );
}

function QueueState({
  layout,
  stations,
  state,
}: {
  layout: TraceLayout;
  stations: number[];
  state: ReturnType<typeof useStateAt>;
}) {
  if (!state) return <p className="hint">Replaying to that moment…</p>;
  if (!state.data) return <p role="alert">Could not replay: {state.error}</p>;
  return (
    <ul className="sim-queues" data-testid="queue-state">
      {stations.map((i) => {
        const s = layout.stations[i];
        return (
          <li key={i}>
            {s.label}: {state.data!.busy[i]} of {s.servers} busy, {state.data!.queue[i]} waiting
          </li>
        );
      })}
      <li className="hint">State replayed exactly at {formatSimTime(state.t)} (this message included).</li>
    </ul>
  );
}

function StationDetails({ layout, index, fetchState, t }: InspectorProps & { index: number }) {
  const s = layout.stations[index];
  const state = useStateAt(fetchState, t);
  return (
    <div className="sim-inspect">
      <h3>{s.label}</h3>
      <dl className="sim-dl">
        <dt>Resource</dt>
        <dd>
          {s.kind === 'cpu'
            ? `${s.servers} CPU cores shared by everything on node ${s.node}`
            : `thread pool of ${s.servers} ${s.servers === 1 ? 'worker' : 'workers'} on node ${s.node}`}
        </dd>
      </dl>
      <p className="hint">
        A hop holds its thread while it waits for and uses a core; wire hops use neither.
      </p>
      <h4>Now ({formatSimTime(t)})</h4>
      {!state && <p className="hint">Replaying to that moment…</p>}
      {state?.data && (
        <p data-testid="queue-state">
          {state.data.busy[index]} of {s.servers} busy, {state.data.queue[index]} waiting.
        </p>
      )}
      {state?.error && <p role="alert">Could not replay: {state.error}</p>}
    </div>
  );
}

function PodDetails({ layout, id }: InspectorProps & { id: string }) {
  const p = layout.pods.find((x) => x.id === id);
  if (!p) return <p>Pod {id} is not in this architecture.</p>;
  const parts =
    p.role === 'waypoint'
      ? [layout.architecture.waypoint ?? 'waypoint proxy']
      : [
          p.role === 'loadgen' ? 'load generator' : `${p.service} app`,
          ...(p.sidecar ? [`${layout.architecture.sidecar ?? 'sidecar'} sidecar`] : []),
          ...(p.library ? [layout.architecture.library ?? 'library pool'] : []),
        ];
  const stations = layout.stations.filter((s) => s.pod === id);
  return (
    <div className="sim-inspect">
      <h3>Pod {p.id}</h3>
      <dl className="sim-dl">
        <dt>Node</dt>
        <dd>node {p.node}</dd>
        <dt>Containers</dt>
        <dd>{parts.join(', ')}</dd>
        {p.serves && (
          <>
            <dt>Serves</dt>
            <dd data-testid="waypoint-serves">
              {p.serves.services.join(', ')} (namespace {p.serves.namespace})
            </dd>
          </>
        )}
        <dt>Resources</dt>
        <dd>{stations.map((s) => `${s.label} (${s.servers})`).join('; ') || 'none'}</dd>
      </dl>
    </div>
  );
}

function NodeDetails({ layout, index }: InspectorProps & { index: number }) {
  const n = layout.nodes[index];
  const pods = layout.pods.filter((p) => p.node === index);
  return (
    <div className="sim-inspect">
      <h3>Node {index}</h3>
      <dl className="sim-dl">
        <dt>Cores</dt>
        <dd>{n.cores}</dd>
        <dt>Pods</dt>
        <dd>{pods.map((p) => p.id).join(', ') || 'none'}</dd>
        <dt>Node proxy</dt>
        <dd>{layout.nodeProxies.find((x) => x.node === index)?.name ?? 'none'}</dd>
        <dt>Kernel hooks in use</dt>
        <dd>
          {n.hooks.length
            ? n.hooks.map((h, i) => (
                <Fragment key={h}>
                  {i > 0 && '; '}
                  {linked(HOOK_TERM[h], HOOK_NAMES[h] ?? h)}
                </Fragment>
              ))
            : 'none beyond the plain TCP/IP path'}
        </dd>
      </dl>
    </div>
  );
}
