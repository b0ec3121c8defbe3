// Pages live in the URL's fragment (#/deals?status=pending), so a link to a filtered list can be shared and the
// API's own paths (/deals, /companies) stay the API's.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** The page's path: "/", "/deals", "/deals/<id>". */
  path: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#/, '').split('?', 2);
  return { path: path && path.startsWith('/') ? path : '/', params: new URLSearchParams(search) };
}

/** The href of a page with the parameters that are set. */
export function href(path: string, params: Record<string, string | undefined | null> | URLSearchParams = {}): string {
  const search = params instanceof URLSearchParams ? params : new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) {
    history.replaceState(null, '', to);
    dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = to.replace(/^#/, '');
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}
