// The lazily loaded pages, and when to fetch them ahead of a visit: on hovering or focusing a link to
// one, and once the page is quiet after the first page has drawn (so Simulate, the heaviest, opens as
// fast as it did when everything loaded up front, and a shared comparison is not slowed by the downloads).
import { preloadScene3D } from '../scene/scene3dChunk';
import { lazyPage } from './lazyPage';
import { browserQuietEnv, createQuiet, type Quiet } from './quiet';

// In this order: the one stylesheet's rules come in the order the pages are first imported (compare,
// then simulate and the scene), as when every page was imported up front; rules of equal weight in
// compare.css and simulate.css depend on it.
export const comparePage = lazyPage('Compare', () => import('./comparePage').then((m) => m.ComparePageRoute));
export const lessonsPage = lazyPage('Lessons', () => import('./lessonsPage').then((m) => m.LessonsPageRoute));
export const enginePage = lazyPage('Engine check', () =>
  import('./enginePage').then((m) => m.EnginePageRoute),
);

export const simulatePage = lazyPage('Simulate', () =>
  import('./simulatePage').then((m) => m.SimulatePageRoute),
);
export const lessonPage = lazyPage('the lesson', () => import('./lessonPage').then((m) => m.LessonPageRoute));
export const sourcesPage = lazyPage('Sources', () => import('./sourcesPage').then((m) => m.SourcesPageRoute));
export const handoutPage = lazyPage('the handout', () =>
  import('./handoutPage').then((m) => m.HandoutPageRoute),
);
export const sideBySidePage = lazyPage('Side by side', () =>
  import('./sideBySidePage').then((m) => m.SideBySideRoute),
);

/** Each route's downloads: its page, and for Simulate the 3D view too. */
const PRELOADS: Record<string, () => Promise<unknown>[]> = {
  simulate: () => [simulatePage.preload(), preloadScene3D()],
  compare: () => [comparePage.preload()],
  lessons: () => [lessonsPage.preload()],
  // A link into a lesson may be its handout (`#/lesson/<id>/handout`): both chunks are small.
  lesson: () => [lessonPage.preload(), handoutPage.preload(), preloadScene3D()],
  side: () => [sideBySidePage.preload(), preloadScene3D()],
  engine: () => [enginePage.preload()],
  sources: () => [sourcesPage.preload()],
};

/** Starts the downloads of the route a link points at (`#/simulate?…` → simulate); unknown links do nothing. */
export function preloadForHref(href: string | null): void {
  const m = /^#\/([a-z]+)/.exec(href ?? '');
  const run = m && PRELOADS[m[1]];
  if (run) for (const p of run()) p.catch(() => undefined); // a failure shows when the page is visited
}

/** Every page's downloads, Simulate first. */
export function preloadAll(): void {
  for (const name of ['simulate', 'compare', 'lessons', 'engine']) preloadForHref(`#/${name}`);
}

/**
 * Preloads a route when a link to it is hovered or focused (one listener on the document catches the
 * navigation bar, the home page's cards and links inside pages), and every route once the page is quiet
 * (`quiet.ts`: after load, when no page holds it — Compare until its comparison and load sweep are done — and idle).
 * Returns a function that removes the listeners.
 */
export function installPreloading(
  doc: Document = document,
  win: Window = window,
  quiet: Quiet = createQuiet(browserQuietEnv(doc, win)),
): () => void {
  let live = true;
  const onIntent = (e: Event) => {
    const a = e.target instanceof Element ? e.target.closest('a[href^="#/"]') : null;
    if (a) preloadForHref(a.getAttribute('href'));
  };
  doc.addEventListener('pointerover', onIntent, { passive: true });
  doc.addEventListener('focusin', onIntent);
  quiet.whenQuiet(() => {
    if (live) preloadAll();
  });
  return () => {
    live = false;
    doc.removeEventListener('pointerover', onIntent);
    doc.removeEventListener('focusin', onIntent);
  };
}
