import { useEffect, useState } from 'react';
import { createActor } from 'xstate';
import { playbackMachine } from '../../machines/playback';
import { TraceBuffer } from '../../machines/trace/buffer';
import { timelineOf } from '../../machines/trace/timeline';
import type { SessionView } from '../../ui/simulate/SimulatePage';
import { SupersededError, UnsupportedArchitectureError, type TraceClient } from '../../worker/trace/client';
import type { View } from '../../worker/trace/protocol';
import { createStreamer, DEFAULT_STREAMER } from './streamer';
import { rafTicker } from './ticker';

export interface SessionRequest {
  scenario: unknown;
  /** Changes whenever the scenario does (the scenario object itself may be rebuilt). */
  scenarioKey: string;
  arch: string;
  view: View;
  /** Playback time and slow-down to start from (kept across an architecture switch). */
  startT: number;
  slowdown: number;
  /** Open nothing (another session source is in use). */
  disabled?: boolean;
}

/** Opens the scenario in the trace worker and builds the buffer, playback actor and streamer for it. */
export function useTraceSession(client: TraceClient, req: SessionRequest): SessionView {
  const [state, setState] = useState<SessionView>({ status: 'loading' });
  const { scenarioKey, arch, view, disabled } = req;
  useEffect(() => {
    if (disabled) return;
    let live = true;
    let cleanup: (() => void) | null = null;
    setState({ status: 'loading' });
    client.open(req.scenario, arch, view).then(
      (layout) => {
        if (!live) return;
        const buffer = new TraceBuffer(layout);
        const actor = createActor(playbackMachine.provide({ actors: { ticker: rafTicker } }), {
          input: { timeline: timelineOf(buffer), t: req.startT, slowdown: req.slowdown },
        });
        actor.start();
        const streamer = createStreamer(client, buffer, actor, {
          ...DEFAULT_STREAMER,
          onError: (message) =>
            live && setState({ status: 'error', message: `The trace worker failed: ${message}` }),
        });
        cleanup = () => {
          streamer.stop();
          actor.stop();
        };
        setState({ status: 'ready', layout, buffer, actor });
      },
      (e: Error) => {
        if (!live || e instanceof SupersededError) return;
        if (e instanceof UnsupportedArchitectureError)
          setState({ status: 'unsupported', architecture: e.architecture, reasons: e.reasons });
        else setState({ status: 'error', message: e.message });
      },
    );
    return () => {
      live = false;
      cleanup?.();
    };
    // The request's other fields are read once per (scenario, architecture, view).
  }, [client, scenarioKey, arch, view, disabled]);
  return state;
}
