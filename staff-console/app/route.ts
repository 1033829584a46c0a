import { useEffect, useState } from 'preact/hooks';

/** The console's place as a hash route (#/review/<id>): bookmarkable, survives a reload, works with Back. */
export interface Route {
  section: string;
  id: string | undefined;
}

function parse(hash: string): Route {
  const [section = '', id] = hash.replace(/^#\/?/, '').split('/');
  return { section, id: id ? decodeURIComponent(id) : undefined };
}

export function navigate(section: string, id?: string): void {
  window.location.hash = `#/${section}${id ? `/${encodeURIComponent(id)}` : ''}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
