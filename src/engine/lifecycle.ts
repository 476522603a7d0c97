import { OUTCOME_NAMES, type Outcome } from './records';

/**
 * The life of one message at one hop, as the engine runs it (simCore.ts, simulation.ts), written down
 * once: the states, each transition with the condition that takes it and the method that performs
 * it, and the outcome each ending writes into the hop record. docs/ARCHITECTURE.md draws it;
 * lifecycle.test.ts checks the methods exist and that runs produce exactly these outcomes.
 */

export type HopState =
  | 'entered'
  | 'waiting for a worker'
  | 'waiting for a core'
  | 'on a core'
  | 'in delay'
  | 'left'
  | 'dropped'
  | 'timed out'
  | 'retried'
  | 'post work';

export interface Transition {
  from: HopState;
  to: HopState;
  /** When this transition is taken. */
  when: string;
  /** The engine method that takes it (on Simulation's prototype chain). */
  by: string;
}

export const HOP_LIFECYCLE: readonly Transition[] = [
  { from: 'entered', to: 'waiting for a worker', when: "the hop's thread pool is busy", by: 'enterHop' },
  {
    from: 'entered',
    to: 'waiting for a core',
    when: 'no pool (or one is free) and every core is busy',
    by: 'requestCpu',
  },
  { from: 'entered', to: 'on a core', when: 'a worker (if any) and a core are free', by: 'startCpu' },
  { from: 'entered', to: 'dropped', when: "the resource's waiting room is full", by: 'drop' },
  {
    from: 'waiting for a worker',
    to: 'waiting for a core',
    when: 'a worker frees up (FIFO); cores busy',
    by: 'vacate',
  },
  {
    from: 'waiting for a worker',
    to: 'on a core',
    when: 'a worker frees up and a core is free',
    by: 'vacate',
  },
  { from: 'waiting for a core', to: 'on a core', when: 'a core frees up (FIFO)', by: 'vacate' },
  {
    from: 'on a core',
    to: 'in delay',
    when: 'the CPU burst ends and the hop has on-path delay (wire, wake-up)',
    by: 'afterCpu',
  },
  { from: 'on a core', to: 'left', when: 'the CPU burst ends and there is no delay', by: 'leaveHop' },
  { from: 'in delay', to: 'left', when: 'the delay ends', by: 'leaveHop' },
  {
    from: 'in delay',
    to: 'dropped',
    when: 'injected loss drops the message at the end of the hop',
    by: 'leaveHop',
  },
  {
    from: 'left',
    to: 'post work',
    when: 'the proxy has post-response work (telemetry): it keeps the worker',
    by: 'startPost',
  },
  // Caller-side endings of a try (records of the caller's, spanning the whole try, with no CPU):
  {
    from: 'entered',
    to: 'timed out',
    when: "the caller's per-try timeout fires first (the try is abandoned, not cancelled)",
    by: 'timeout',
  },
  {
    from: 'timed out',
    to: 'retried',
    when: 'the caller has retries left: a new try starts',
    by: 'tryFailed',
  },
  { from: 'dropped', to: 'retried', when: 'the failure reaches a caller with retries left', by: 'tryFailed' },
];

/** The outcome each ending writes into the hop record. */
export const ENDINGS: Readonly<Partial<Record<HopState, Outcome>>> = {
  left: 'forwarded', // 'queued' when it waited anywhere on the way
  dropped: 'dropped',
  'timed out': 'timed out',
  retried: 'retried',
};

/** Every outcome a record can carry comes from one ending (queued is a 'left' that waited). */
export const LIFECYCLE_OUTCOMES: readonly Outcome[] = OUTCOME_NAMES.filter(
  (o) => o === 'queued' || Object.values(ENDINGS).includes(o),
);
