import type { RunSummary } from '../model/result';
import { Home } from '../ui/Home';
import { Nav } from '../ui/Nav';
import { Page as EngineCheck } from '../ui/Page';
import type { EngineClient } from '../worker/client';
import { ComparePageRoute } from './comparePage';
import { SAMPLES } from './samples';
import { SimulatePageRoute } from './simulatePage';
import { useRoute } from './useRoute';

/** Composition root's view: navigation plus the page the hash names. */
export function App({ client, onResult }: { client: EngineClient; onResult: (s: RunSummary) => void }) {
  const route = useRoute();
  // An embedded comparison (`#/compare?…&embed=1`, in an iframe) shows no site chrome.
  const embed = route.name === 'compare' && route.params.get('embed') === '1';
  return (
    <>
      {!embed && <a className="skip-link" href="#content">Skip to content</a>}
      {!embed && <Nav current={route.name} />}
      <div id="content">
        {route.name === 'home' && <Home />}
        {route.name === 'engine' && <EngineCheck samples={SAMPLES} client={client} onResult={onResult} />}
        {route.name === 'compare' && <ComparePageRoute params={route.params} client={client} />}
        {route.name === 'simulate' && <SimulatePageRoute params={route.params} />}
      </div>
    </>
  );
}
