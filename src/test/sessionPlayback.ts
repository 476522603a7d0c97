// Test support (not a test): the Simulate page's streaming over a real trace session in Node — the
// real buffer, playback machine (no ticker: the test sends TICKs) and a client answering from the session.
import { createActor, fromCallback } from 'xstate';
import { playbackMachine, type PlaybackEvent } from '../machines/simulate/playback';
import { TraceBuffer } from '../machines/simulate/buffer';
import { timelineOf } from '../machines/simulate/timeline';
import type { TraceClient } from '../worker/trace/client';
import type { TraceSession } from '../worker/trace/session';
import { MAX_CHUNK_RECORDS } from '../model/traceLimits';

type ChunkRequest = Parameters<TraceClient['chunk']>[0];
type Chunk = ReturnType<TraceSession['chunk']>;

/** A buffer and a playback actor over the session's layout, started at `slowdown`. */
export function localPlayback(session: TraceSession, slowdown: number) {
  const buffer = new TraceBuffer(session.layout);
  const actor = createActor(
    playbackMachine.provide({ actors: { ticker: fromCallback<PlaybackEvent>(() => () => {}) } }),
    { input: { timeline: timelineOf(buffer), slowdown } },
  );
  actor.start();
  return { buffer, actor };
}

/** A client answering each chunk request from the session at once; `onReply` sees each request and answer. */
export function sessionClient(
  session: TraceSession,
  onReply?: (req: ChunkRequest, c: Chunk) => void,
): Pick<TraceClient, 'chunk'> {
  return {
    chunk: async (req) => {
      const stride = req.stride ?? 1;
      const max = req.maxRecords ?? MAX_CHUNK_RECORDS;
      const c =
        req.mode === 'history'
          ? session.history(req.from, req.to, stride, max)
          : session.chunk(req.from, req.to, req.sampleUs, req.skipIdle, stride, max);
      onReply?.(req, c);
      return { ...c, mode: req.mode, horizonUs: session.horizonUs };
    },
  };
}

/** Lets the streamer's promise chains run (a reply, the buffer, the next request). */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 12; i++) await Promise.resolve();
}
