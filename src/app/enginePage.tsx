// #/engine: the engine check with its textbook samples (a chunk of its own, loaded on first visit).
import type { RunSummary } from '../model/result';
import { Page as EngineCheck } from '../ui/Page';
import { PanelBoundary } from '../ui/PanelBoundary';
import type { EngineClient } from '../worker/client';
import { SAMPLES } from './samples';

export function EnginePageRoute({
  client,
  onResult,
}: {
  client: EngineClient;
  onResult: (s: RunSummary) => void;
}) {
  return (
    <PanelBoundary name="engine check">
      <EngineCheck samples={SAMPLES} client={client} onResult={onResult} />
    </PanelBoundary>
  );
}
