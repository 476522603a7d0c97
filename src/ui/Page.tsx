import type { ComponentProps } from 'react';
import { SampleRun } from './SampleRun';

/** The whole page for now: what meshpath is, then the sample runner. */
export function Page(props: ComponentProps<typeof SampleRun>) {
  return (
    <>
      <header>
        <h1>meshpath</h1>
        <p className="lead">
          meshpath simulates how requests travel through a service mesh&rsquo;s data path (app, kernel, proxies and
          wire) as costed hops that queue on real resources such as proxy workers and CPU cores. Run a scenario to
          measure what each design costs in latency and CPU, and the same seed gives the same numbers in every browser.
        </p>
      </header>
      <main>
        <SampleRun {...props} />
      </main>
    </>
  );
}
