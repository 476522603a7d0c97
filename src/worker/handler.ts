import { compareInSlices, estimateInSteps, type EstimateOutcome, type ShardOutcome } from './compareRunner';
import {
  formatIssues,
  RequestSchema,
  UNKNOWN_ID,
  type CompareRequest,
  type EstimateRequest,
  type Response,
  type RunRequest,
} from './protocol';
import { transferablesOf } from './packedRun';
import { runInSlices, type RunOutcome } from './runner';
import { createSpecStore } from './specStore';

/**
 * The worker's message handling, free of worker globals so it can be tested in Node:
 * validates each request, runs specs and comparisons in slices, answers estimates at once, and
 * replies with typed responses. `beat` (the heartbeat, see heartbeat.ts) is called between slices, so a
 * long run keeps telling the page's watchdog it is alive, with or without progress replies.
 */
export function createRequestHandler(
  post: (m: Response, transfer?: Transferable[]) => void,
  yieldToEvents?: () => Promise<void>,
  beat?: () => void,
) {
  const running = new Set<number>();
  const pause = beat
    ? () => {
        beat();
        return yieldToEvents ? yieldToEvents() : new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
    : yieldToEvents;
  const cancelled = new Set<number>();
  // Parsed specs by key: a comparison's later rounds (and other shards' jobs) name them instead.
  const specs = createSpecStore();

  async function start(req: RunRequest): Promise<void> {
    const { id } = req;
    running.add(id);
    const outcome = await runInSlices(req.spec, {
      sliceEvents: req.progressEvery,
      onProgress: (p) => post({ type: 'progress', id, ...p }),
      isCancelled: () => cancelled.has(id),
      yieldToEvents: pause,
    });
    running.delete(id);
    cancelled.delete(id);
    post(toResponse(id, outcome));
  }

  async function compare(req: CompareRequest): Promise<void> {
    const { id } = req;
    const resolved = specs.resolve(req.designs);
    if (resolved.status === 'missing') return post({ type: 'spec-missing', id, keys: resolved.keys });
    if (resolved.status === 'error') return post({ type: 'error', id, message: resolved.message });
    running.add(id);
    const outcome = await compareInSlices(resolved.designs, {
      seed: req.seed,
      replications: req.replications,
      from: req.from,
      shard: req.shard,
      packed: req.packed,
      sliceEvents: req.progressEvery,
      onProgress: req.progress === false ? undefined : (p) => post({ type: 'compare-progress', id, ...p }),
      isCancelled: () => cancelled.has(id),
      yieldToEvents: pause,
    });
    running.delete(id);
    cancelled.delete(id);
    if (outcome.status === 'packed') {
      // The figures only, in buffers handed over rather than copied (packedRun.ts).
      return post({ type: 'compare-packed', id, runs: outcome.runs }, transferablesOf(outcome.runs));
    }
    post(compareResponse(id, outcome));
  }

  // In steps, like a comparison: a newer change cancels it, and runs on this worker are not held up.
  async function estimate(req: EstimateRequest): Promise<void> {
    const { id } = req;
    running.add(id);
    const outcome = await estimateInSteps(req.scenario, {
      isCancelled: () => cancelled.has(id),
      yieldToEvents: pause, // beats between steps: a long estimate is alive, not silent
    });
    running.delete(id);
    cancelled.delete(id);
    post(estimateResponse(id, outcome));
  }

  return (data: unknown): Promise<void> => {
    const parsed = RequestSchema.safeParse(data);
    if (!parsed.success) {
      post({
        type: 'error',
        id: idOf(data),
        message: `Malformed message to the engine worker. ${formatIssues(parsed.error)}`,
      });
      return Promise.resolve();
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'cancel':
        if (running.has(msg.id)) cancelled.add(msg.id);
        return Promise.resolve();
      case 'estimate':
        return estimate(msg);
      case 'compare':
        return compare(msg);
      case 'spec':
        if (msg.base) specs.derive(msg.key, msg.architecture, msg.base.key, msg.base.patch);
        else specs.put(msg.key, msg.architecture, msg.spec, msg.parts, msg.compiled === true);
        return Promise.resolve();
      case 'spec-part':
        specs.part(msg.key, msg.field, msg.items);
        return Promise.resolve();
      case 'run':
        return start(msg);
    }
  };
}

function toResponse(id: number, o: RunOutcome): Response {
  switch (o.status) {
    case 'done':
      return { type: 'result', id, summary: o.summary, analytic: o.analytic };
    case 'cancelled':
      return { type: 'cancelled', id };
    case 'error':
      return { type: 'error', id, message: o.message };
  }
}

function estimateResponse(id: number, o: EstimateOutcome): Response {
  switch (o.status) {
    case 'done':
      return { type: 'estimate-result', id, estimate: o.estimate };
    case 'cancelled':
      return { type: 'cancelled', id };
    case 'error':
      return { type: 'error', id, message: o.message };
  }
}

function compareResponse(id: number, o: ShardOutcome): Response {
  switch (o.status) {
    case 'runs':
      return { type: 'compare-runs', id, runs: o.runs };
    case 'packed':
      return { type: 'compare-packed', id, runs: o.runs };
    case 'cancelled':
      return { type: 'cancelled', id };
    case 'error':
      return { type: 'error', id, message: o.message };
  }
}

/** Best effort: answer a malformed message under its id if it has a usable one. */
function idOf(data: unknown): number {
  const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : UNKNOWN_ID;
}
