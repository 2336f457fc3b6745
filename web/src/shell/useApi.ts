import { useQuery } from '@tanstack/react-query';
import { api, type QueryValue, queryString } from '../api';
import { type ApiState, apiState } from './client';

export type { ApiState } from './client';

/**
 * Loads a GET resource at an address built by hand, through TanStack Query like the typed
 * `$api.useQuery` (shell/client.ts), which new code uses. A null path loads nothing.
 */
export function useApi<T>(path: string | null, query: Record<string, QueryValue> = {}): ApiState<T> {
  const url = path === null ? null : `${path}${queryString(query)}`;
  return apiState(
    useQuery({
      queryKey: ['api', url],
      queryFn: ({ signal }) => api<T>(url as string, { signal }),
      enabled: url !== null,
    }),
  );
}
