import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, queryString, type QueryValue } from '../api';
import { useI18n } from '../i18n';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Loads a GET resource and reloads when the path or query changes. The previous data
 * stays while the next loads, so lists do not flash. A null path loads nothing.
 */
export function useApi<T>(path: string | null, query: Record<string, QueryValue> = {}): ApiState<T> {
  const { lang } = useI18n();
  const url = path === null ? null : `${path}${queryString(query)}`;
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(url !== null);
  const [counter, setCounter] = useState(0);
  const reload = useCallback(() => setCounter((c) => c + 1), []);

  useEffect(() => {
    if (url === null) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    api<T>(url, { signal: controller.signal })
      .then((result) => {
        setData(result);
        setError(undefined);
        setLoading(false);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(caught instanceof ApiError ? caught : new ApiError({ status: 0, title: String(caught) }));
        setLoading(false);
      });
    return () => controller.abort();
  }, [url, counter]);

  // Problem texts come from the server in the UI language: ask again after a switch.
  const hadError = useRef(false);
  hadError.current = error !== undefined;
  useEffect(() => {
    if (hadError.current) reload();
  }, [lang, reload]);

  return { data, error, loading, reload };
}
