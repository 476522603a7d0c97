import { Suspense, useEffect, type MouseEvent } from 'react';
import type { RunSummary } from '../model/result';
import { Home } from '../ui/Home';
import { Nav } from '../ui/Nav';
import { PanelBoundary } from '../ui/PanelBoundary';
import { UpdateNotice } from '../ui/UpdateNotice';
import { WorkerNotice } from '../ui/WorkerNotice';
import type { EngineClient } from '../worker/client';
import { PageLoading } from './lazyPage';
import {
  comparePage,
  enginePage,
  installPreloading,
  handoutPage,
  lessonPage,
  lessonsPage,
  sideBySidePage,
  simulatePage,
  sourcesPage,
} from './pages';
import { appQuiet } from './quiet';
import type { RouteName } from './router';
import { dismissUpdate, useUpdateOffer } from './updates';
import { useRoute } from './useRoute';
import { dismissWorkerNotice, useWorkerNotice } from './workerNotices';

const TITLES: Record<RouteName, string> = {
  home: 'meshpath',
  lessons: 'the lessons',
  lesson: 'the lesson',
  handout: 'the handout',
  side: 'the side-by-side view',
  engine: 'the engine check',
  compare: 'Compare',
  simulate: 'Simulate',
  sources: 'the sources',
};

/** The single-file edition beside the served site (`npm run build` copies it into dist/). */
const SINGLE_FILE = import.meta.env.PROD && import.meta.env.MODE !== 'file' ? 'meshpath.html' : undefined;

/** Composition root's view: navigation plus the page the hash names (every page but Home loads lazily). */
export function App({ client, onResult }: { client: EngineClient; onResult: (s: RunSummary) => void }) {
  const route = useRoute();
  // An embedded comparison (`#/compare?…&embed=1`, in an iframe) shows no site chrome.
  const embed = route.name === 'compare' && route.params.get('embed') === '1';
  const notice = useWorkerNotice();
  const update = useUpdateOffer();
  useEffect(() => installPreloading(document, window, appQuiet()), []);
  return (
    <>
      {!embed && (
        // The hash holds the route, so the skip link moves focus itself instead of navigating to #content.
        <a className="skip-link" href="#content" onClick={skipToContent}>
          Skip to content
        </a>
      )}
      {!embed && (
        <Nav current={route.name === 'lesson' || route.name === 'handout' ? 'lessons' : route.name} />
      )}
      <div id="content" tabIndex={-1}>
        {update && <UpdateNotice onUpdate={update.apply} onLater={dismissUpdate} />}
        {notice && <WorkerNotice key={notice.id} text={notice.text} onDismiss={dismissWorkerNotice} />}
        {/* A page that fails to render says so in its place; the navigation keeps working. */}
        <PanelBoundary name={`${route.name} page`} resetKey={route}>
          <Suspense fallback={<PageLoading title={TITLES[route.name]} />}>
            {route.name === 'home' && <Home singleFile={SINGLE_FILE} />}
            {route.name === 'lessons' && <lessonsPage.Component />}
            {route.name === 'lesson' && <lessonPage.Component route={route} engine={client} />}
            {route.name === 'handout' && <handoutPage.Component route={route} engine={client} />}
            {route.name === 'engine' && <enginePage.Component client={client} onResult={onResult} />}
            {route.name === 'compare' && <comparePage.Component params={route.params} client={client} />}
            {route.name === 'simulate' && <simulatePage.Component params={route.params} />}
            {route.name === 'side' && <sideBySidePage.Component params={route.params} />}
            {route.name === 'sources' && <sourcesPage.Component route={route} />}
          </Suspense>
        </PanelBoundary>
      </div>
    </>
  );
}

function skipToContent(e: MouseEvent<HTMLAnchorElement>): void {
  e.preventDefault();
  document.getElementById('content')?.focus();
}
