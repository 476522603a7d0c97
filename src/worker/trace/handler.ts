import { formatIssues, packRecords, TraceRequestSchema, type ChunkReply, type TraceReply } from './protocol';
import { UnsupportedError } from '../../engine';
import { TraceSession } from './session';

/**
 * The trace worker's message handling, free of worker globals so it runs in Node tests: one session
 * at a time (an 'open' replaces it); every reply names the session it answers so the page can drop
 * replies for a scenario it has left. `beat` (the heartbeat, see ../heartbeat.ts) is called at each
 * checkpoint of the first full run, the one long piece of work, so opening a large scenario keeps
 * telling the page's watchdog that the worker is alive; every other request is a bounded replay.
 */
export function createTraceHandler(
  post: (m: TraceReply, transfer: Transferable[]) => void,
  beat?: () => void,
) {
  let session: TraceSession | null = null;
  let sessions = 0;

  return (data: unknown): void => {
    const parsed = TraceRequestSchema.safeParse(data);
    if (!parsed.success) {
      post(
        {
          type: 'error',
          id: idOf(data),
          message: `Malformed message to the trace worker. ${formatIssues(parsed.error)}`,
        },
        [],
      );
      return;
    }
    const m = parsed.data;
    try {
      if (m.type === 'open') {
        session = null;
        const s = new TraceSession(m.scenario, m.arch, m.view, {
          session: ++sessions,
          checkpoints: { onTake: beat },
        });
        session = s;
        post({ type: 'opened', id: m.id, layout: s.layout }, []);
        return;
      }
      if (!session) {
        post({ type: 'error', id: m.id, message: 'No scenario is open in the trace worker.' }, []);
        return;
      }
      const sid = session.layout.session;
      switch (m.type) {
        case 'chunk': {
          const c =
            m.mode === 'history'
              ? session.history(m.from, m.to, m.stride, m.maxRecords)
              : session.chunk(m.from, m.to, m.sampleUs, m.skipIdle, m.stride, m.maxRecords);
          const reply: ChunkReply = {
            type: 'chunk',
            id: m.id,
            session: sid,
            mode: m.mode,
            from: c.from,
            to: c.to,
            idleFrom: c.idleFrom,
            records: packRecords(c.records),
            samples: c.samples,
            done: c.done,
            horizonUs: session.horizonUs,
          };
          post(reply, [
            reply.records.buffer,
            c.samples.times.buffer,
            c.samples.busy.buffer,
            c.samples.queue.buffer,
          ]);
          return;
        }
        case 'state': {
          const st = session.stateAt(m.t);
          post({ type: 'state', id: m.id, session: sid, t: m.t, busy: st.busy, queue: st.queue }, [
            st.busy.buffer,
            st.queue.buffer,
          ]);
          return;
        }
        case 'request': {
          const records = packRecords(session.requestRecords(m.seq));
          post({ type: 'request', id: m.id, session: sid, seq: m.seq, records }, [records.buffer]);
          return;
        }
      }
    } catch (e) {
      const unsupported =
        e instanceof UnsupportedError ? { architecture: e.architecture, reasons: e.reasons } : undefined;
      post({ type: 'error', id: m.id, message: describe(e), ...(unsupported ? { unsupported } : {}) }, []);
    }
  };
}

function describe(e: unknown): string {
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray((e as { issues: unknown }).issues))
    return `Invalid scenario. ${formatIssues(e as Parameters<typeof formatIssues>[0])}`;
  // Unsupported settings and bad requests say what is wrong themselves; anything else is a failure.
  if (e instanceof UnsupportedError) return e.message;
  return `The trace worker failed: ${e instanceof Error ? e.message : String(e)}`;
}

function idOf(data: unknown): number {
  const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : 0;
}
