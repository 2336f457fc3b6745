import { keepPreviousData, QueryClient, type UseQueryResult } from '@tanstack/react-query';
import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryClient from 'openapi-react-query';
import { ApiError, apiHeaders, asApiError, networkProblem, problemFrom } from '../api';
import type { paths } from '../openapi';

/**
 * The typed API client: paths, parameters and answers come from web/src/openapi.d.ts, generated from
 * the server's OpenAPI document (`npm run openapi`), so a renamed field or route fails the type check.
 * Reads go through TanStack Query: `apiState($api.useQuery('get', '/api/v1/members/{id}', { params: { path: { id } } }))`.
 */

/** Same headers and the same problem handling as api(): a failed answer becomes an ApiError. */
const conventions: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(apiHeaders(request.method))) request.headers.set(name, value);
    return request;
  },
  async onResponse({ response }) {
    if (!response.ok) throw await problemFrom(response);
    return response;
  },
  onError({ error }) {
    if (error instanceof ApiError || (error instanceof DOMException && error.name === 'AbortError')) return error as Error;
    return networkProblem();
  },
};

export const fetchClient = createFetchClient<paths>({ credentials: 'same-origin' });
fetchClient.use(conventions);

export const $api = createQueryClient(fetchClient);

/**
 * The app's query cache. A meeting's state changes by the second, so every page asks the server when it
 * opens (nothing is kept once no page shows it) and a problem shows at once instead of after retries;
 * while a page reloads, it keeps showing what it had, so lists do not flash.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, gcTime: 0, refetchOnWindowFocus: false, placeholderData: keepPreviousData },
  },
});

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/** A query as pages use it: its data, its problem as an ApiError (as the middleware makes it), loading and reload. */
export function apiState<T>(query: UseQueryResult<T, unknown>): ApiState<T> {
  const { error } = query;
  return {
    data: query.data,
    error: error === null ? undefined : asApiError(error),
    loading: query.isFetching,
    reload: () => void query.refetch(),
  };
}

/**
 * The answer of a request through fetchClient: the middleware throws every failed answer as an ApiError,
 * so once the promise resolves the data is there. `fetchClient.POST(path, init).then(answerOf)`.
 */
export const answerOf = <T>({ data }: { data?: T }): T => data as T;
