import type { MouseEvent } from 'react';
import type { RunSummary } from '../model/result';
import { Home } from '../ui/Home';
import { Nav } from '../ui/Nav';
import { Page as EngineCheck } from '../ui/Page';
import { PanelBoundary } from '../ui/PanelBoundary';
import { WorkerNotice } from '../ui/WorkerNotice';
import type { EngineClient } from '../worker/client';
import { ComparePageRoute } from './comparePage';
import { LessonPageRoute } from './lessonPage';
import { LessonsPageRoute } from './lessonsPage';
import { SAMPLES } from './samples';
import { SideBySideRoute } from './sideBySidePage';
import { SimulatePageRoute } from './simulatePage';
import { useRoute } from './useRoute';
import { dismissWorkerNotice, useWorkerNotice } from './workerNotices';

/** Composition root's view: navigation plus the page the hash names. */
export function App({ client, onResult }: { client: EngineClient; onResult: (s: RunSummary) => void }) {
  const route = useRoute();
  // An embedded comparison (`#/compare?…&embed=1`, in an iframe) shows no site chrome.
  const embed = route.name === 'compare' && route.params.get('embed') === '1';
  const notice = useWorkerNotice();
  return (
    <>
      {!embed && (
        // The hash holds the route, so the skip link moves focus itself instead of navigating to #content.
        <a className="skip-link" href="#content" onClick={skipToContent}>
          Skip to content
        </a>
      )}
      {!embed && <Nav current={route.name === 'lesson' ? 'lessons' : route.name} />}
      <div id="content" tabIndex={-1}>
        {notice && <WorkerNotice key={notice.id} text={notice.text} onDismiss={dismissWorkerNotice} />}
        {/* A page that fails to render says so in its place; the navigation keeps working. */}
        <PanelBoundary name={`${route.name} page`} resetKey={route}>
          {route.name === 'home' && <Home />}
          {route.name === 'lessons' && <LessonsPageRoute />}
          {route.name === 'lesson' && <LessonPageRoute route={route} engine={client} />}
          {route.name === 'engine' && (
            <PanelBoundary name="engine check">
              <EngineCheck samples={SAMPLES} client={client} onResult={onResult} />
            </PanelBoundary>
          )}
          {route.name === 'compare' && <ComparePageRoute params={route.params} client={client} />}
          {route.name === 'simulate' && <SimulatePageRoute params={route.params} />}
          {route.name === 'side' && <SideBySideRoute params={route.params} />}
        </PanelBoundary>
      </div>
    </>
  );
}

function skipToContent(e: MouseEvent<HTMLAnchorElement>): void {
  e.preventDefault();
  document.getElementById('content')?.focus();
}
