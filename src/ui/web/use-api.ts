// Reads an API path into a component: loading, the answer or the problem, and a reload. A newer path wins: an answer
// for a path the page has moved on from is dropped.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from './api';

export interface Loaded<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload(): void;
}

export function useApi<T>(path: string | null, refreshKey: unknown = 0): Loaded<T> {
  // What was read, and for which path: a page that moved on to another path shows no figures of the last one, while a
  // refresh of the same path keeps them on screen until the new answer replaces them.
  const [state, setState] = useState<{ path: string | null; data?: T; error?: ApiError; loading: boolean }>({ path, loading: path !== null });
  const latest = useRef(0);
  const load = useCallback(() => {
    if (path === null) return;
    const call = ++latest.current;
    setState((s) => (s.path === path ? { ...s, loading: true } : { path, loading: true }));
    request<T>(path).then(
      ({ data }) => call === latest.current && setState({ path, data, loading: false }),
      (error) => call === latest.current && setState({ path, error: error instanceof ApiError ? error : new ApiError({ status: 0, detail: String(error) }), loading: false }),
    );
  }, [path]);
  useEffect(load, [load, refreshKey]);
  if (state.path !== path) return { loading: path !== null, reload: load };
  return { data: state.data, error: state.error, loading: state.loading, reload: load };
}
