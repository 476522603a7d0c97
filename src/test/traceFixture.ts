// Test support (not a test): a real trace session loaded into a buffer, with a playback actor and the catalogs.
import { createActor, fromCallback } from 'xstate';
import oneRequest from '../../models/presets/one-request-slowly.json';
import { playbackMachine, type PlaybackEvent } from '../machines/simulate/playback';
import { TraceBuffer } from '../machines/simulate/buffer';
import { timelineOf } from '../machines/simulate/timeline';
import { shippedModels } from '../model/models';
import { loadHopLayers } from '../model/hopLayers';
import { TraceSession } from '../worker/trace/session';
import type { Catalogs } from '../ui/simulate/inspectorData';

/** A real session of "one request, slowly", its first requests loaded into a buffer, and a playback actor (no ticker). */
export function traceFixture(arch = 'sidecar-envoy', windows = 4, scenario: unknown = oneRequest) {
  const session = new TraceSession(scenario, arch, 'trace');
  const buffer = new TraceBuffer(session.layout);
  let t = 0;
  for (let i = 0; i < windows; i++) {
    const c = session.chunk(t, t + 400, 5, true);
    buffer.addChunk({ ...c, mode: 'stream' });
    t = c.to;
  }
  const actor = createActor(
    playbackMachine.provide({ actors: { ticker: fromCallback<PlaybackEvent>(() => () => {}) } }),
    {
      input: { timeline: timelineOf(buffer), slowdown: 10_000 },
    },
  );
  actor.start();
  const m = shippedModels();
  const catalogs: Catalogs = {
    hopKinds: m.hopKinds,
    citations: m.citations,
    hopLayers: new Map(loadHopLayers().map((e) => [e.kind, e])),
  };
  return { session, layout: session.layout, buffer, actor, catalogs };
}
