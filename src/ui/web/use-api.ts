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
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: path !== null });
  const latest = useRef(0);
  const load = useCallback(() => {
    if (path === null) return;
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    request<T>(path).then(
      ({ data }) => call === latest.current && setState({ data, loading: false }),
      (error) => call === latest.current && setState({ error: error instanceof ApiError ? error : new ApiError({ status: 0, detail: String(error) }), loading: false }),
    );
  }, [path]);
  useEffect(load, [load, refreshKey]);
  return { ...state, reload: load };
}
