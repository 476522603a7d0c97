/**
 * Hash-based routes, so the static site works from any host or subpath and back/forward work
 * without a server: `#/lessons`, `#/compare?…`, `#/simulate?…`, `#/engine`. The query after the path belongs to
 * the page (its scenario state).
 */
export const ROUTES = ['home', 'lessons', 'simulate', 'side', 'compare', 'engine'] as const;
export type RouteName = (typeof ROUTES)[number];

export interface Route {
  name: RouteName;
  /** The page's own parameters (the part after `?`). */
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = (q < 0 ? body : body.slice(0, q)).replace(/\/+$/, '');
  const params = new URLSearchParams(q < 0 ? '' : body.slice(q + 1));
  const name = (ROUTES as readonly string[]).includes(path) ? (path as RouteName) : 'home';
  return { name, params };
}

export function routeHash(name: RouteName, params?: URLSearchParams): string {
  const query = params && [...params.keys()].length ? `?${params.toString()}` : '';
  return name === 'home' ? `#/${query}` : `#/${name}${query}`;
}
