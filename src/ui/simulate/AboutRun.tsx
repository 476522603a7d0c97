import type { TraceLayout } from '../../worker/trace/protocol';
import { describeRun } from './describeRun';

/**
 * What is on screen, in words: the scenario, how many requests the run sends over how long, and the
 * design with its notes. Below the picture once the run is ready, so the scene starts on the first
 * screen (1280 × 800 included); in the header while it loads or cannot run.
 */
export function AboutRun({
  layout,
  preset,
}: {
  layout: TraceLayout | null;
  preset: { name: string; description?: string } | undefined;
}) {
  return (
    <section className="sim-about" aria-label="About this run">
      <p className="sim-scenario-desc" id="sim-scenario-desc" data-testid="scenario-desc">
        {preset?.description}
        {layout && layout.scenarioName === preset?.name && (
          <>
            {' '}
            <strong>{describeRun(layout)}</strong>
          </>
        )}
      </p>
      {layout && (
        <p className="sim-arch-summary">
          <strong>{layout.architecture.name}.</strong> {layout.architecture.summary}
        </p>
      )}
      {layout && layout.notes.length > 0 && (
        <ul className="sim-notes">
          {layout.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
