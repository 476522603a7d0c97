import { PathsFigure } from './home/PathsFigure';
import './home/home.css';

/**
 * The landing page: what meshpath is and where to go. `singleFile`: the address of the one-file edition
 * to offer for download (none in that edition itself, nor in development).
 */
export function Home({ singleFile }: { singleFile?: string }) {
  return (
    <main>
      <h1>meshpath</h1>
      <p className="lead">
        meshpath simulates how a request travels through a service mesh&rsquo;s data path &mdash; the app, the
        kernel, proxies and the wire &mdash; as costed hops that queue on real resources such as proxy workers
        and CPU cores. Every cost cites its source or says it is an estimate, and the same seed gives the same
        numbers in every browser.
      </p>
      <p className="home-actions">
        <a className="home-start" href="#/lessons">
          Start the course
        </a>
        <a href="#/simulate">Watch a request in Simulate</a>
        <a href="#/compare">Compare the designs</a>
      </p>
      <PathsFigure />
      <ul className="cards">
        <li className="card-first">
          <a href="#/lessons">
            <strong>Start here: lessons</strong>
          </a>
          <p>
            New to service meshes? Short lessons walk you through what a mesh does for a call and what each
            design costs, predicting before every run.
          </p>
        </li>
        <li>
          <a href="#/simulate">
            <strong>Simulate</strong>
          </a>
          <p>
            Watch requests cross every hop of one design, step through them, and inspect what each hop does
            and costs.
          </p>
        </li>
        <li>
          <a href="#/compare">
            <strong>Compare</strong>
          </a>
          <p>Run the same scenario on several designs and see latency, CPU and memory side by side.</p>
        </li>
        <li>
          <a href="#/engine">
            <strong>Engine check</strong>
          </a>
          <p>Run textbook queues (M/M/1, tandem) and compare the simulator with theory.</p>
        </li>
      </ul>
      {singleFile && (
        <p className="offline-note">
          For a classroom without a network or a USB stick:{' '}
          <a href={singleFile} download="meshpath.html">
            download meshpath as one file
          </a>{' '}
          that opens from disk in any current browser. Once visited, this site also works offline.
        </p>
      )}
    </main>
  );
}
