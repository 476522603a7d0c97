import type { ComponentProps } from 'react';
import { SampleRun } from './SampleRun';

/** The engine check: textbook queues run through the same engine, beside their theory. */
export function Page(props: ComponentProps<typeof SampleRun>) {
  return (
    <main>
      <h1>Engine check</h1>
      <p className="lead">
        The engine that moves packets through every mesh design is a discrete-event queueing simulation. Run a
        textbook queue here and compare the result with theory and with the analytic estimate; the same seed
        gives the same numbers in every browser.
      </p>
      <SampleRun {...props} />
    </main>
  );
}
