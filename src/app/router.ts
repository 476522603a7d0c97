/**
 * Hash-based routes, so the static site works from any host or subpath and back/forward work
 * without a server: `#/lessons`, `#/lesson/<id>/<step>` (`?present=1`: presenter mode),
 * `#/lesson/<id>/handout` (the printable handout), `#/compare?…`, `#/simulate?…`, `#/engine`,
 * `#/sources/<doc>/<section>`. The query after the path belongs to the page (its scenario state).
 */
export const ROUTES = [
  'home',
  'lessons',
  'lesson',
  'handout',
  'simulate',
  'side',
  'compare',
  'engine',
  'sources',
] as const;
export type RouteName = (typeof ROUTES)[number];

export interface Route {
  name: RouteName;
  /** The page's own parameters (the part after `?`). */
  params: URLSearchParams;
  /** The path before `?`, e.g. 'lesson/01-what-a-mesh-does/3' (pages with ids in the path read it). */
  path: string;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = (q < 0 ? body : body.slice(0, q)).replace(/\/+$/, '');
  const params = new URLSearchParams(q < 0 ? '' : body.slice(q + 1));
  // A lesson's path carries its id and step: #/lesson/<id>/<step>, or its handout: #/lesson/<id>/handout.
  const parts = path.split('/');
  const name =
    parts[0] === 'lesson'
      ? parts.length === 3 && parts[2] === 'handout'
        ? 'handout'
        : 'lesson'
      : parts[0] === 'sources'
        ? 'sources'
        : (ROUTES as readonly string[]).includes(path)
          ? (path as RouteName)
          : 'home';
  return { name, params, path };
}

export function routeHash(name: RouteName, params?: URLSearchParams): string {
  const query = params && [...params.keys()].length ? `?${params.toString()}` : '';
  return name === 'home' ? `#/${query}` : `#/${name}${query}`;
}
