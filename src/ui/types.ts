import type { SimSpecInput } from '../model/simSpec';
import type { EngineClient } from '../worker/client';

/** A built-in scenario offered on the page; the app layer builds these from the engine's fixtures. */
export interface Sample {
  id: string;
  label: string;
  description: string;
  spec: SimSpecInput;
}

/** What the UI needs from the engine: the app injects the worker client (tests inject a fake). */
export type EngineRunner = Pick<EngineClient, 'run'>;
