/**
 * The API client: same-origin fetch with the session cookie, the UI language as
 * Accept-Language, the CSRF token on unsafe requests, and problem+json errors
 * turned into an ApiError that the UI shows in an Alert.
 */

export interface FieldError {
  name: string;
  code: string;
  reason: string;
}

/** An application/problem+json response (RFC 9457), or a failure to reach the server. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(init: { status: number; type?: string; title: string; detail?: string; errors?: FieldError[] }) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type ?? 'about:blank';
    this.title = init.title;
    this.detail = init.detail ?? '';
    this.errors = init.errors ?? [];
  }
}

/** Any failure as an ApiError, so ProblemAlert and the field messages can show it. */
export const asApiError = (caught: unknown): ApiError => (caught instanceof ApiError ? caught : new ApiError({ status: 0, title: String(caught) }));

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let language = 'nl';
let csrfToken: string | null = null;

/** Called by the language provider: every request asks the server for this language. */
export function setApiLanguage(lang: string) {
  language = lang;
}

/** Called by the session provider with the token from POST/GET /api/v1/session. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds a query string, leaving out empty values. */
function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** A plain object is sent as JSON; FormData as multipart/form-data. */
  body?: unknown;
  signal?: AbortSignal;
}

const isProblem = (value: unknown): value is { title?: unknown; detail?: unknown; type?: unknown; errors?: unknown } =>
  typeof value === 'object' && value !== null;

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({ name: String(e.name ?? ''), code: String(e.code ?? ''), reason: String(e.reason ?? '') }));
}

export async function problemFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (isProblem(body) && typeof body.title === 'string') {
    return new ApiError({
      status: response.status,
      type: typeof body.type === 'string' ? body.type : undefined,
      title: body.title,
      detail: typeof body.detail === 'string' ? body.detail : '',
      errors: fieldErrors(body.errors),
    });
  }
  return new ApiError({ status: response.status, title: response.statusText || `HTTP ${response.status}` });
}

/** The headers every API request carries: the UI language, and the CSRF token on unsafe methods. */
export function apiHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language === 'nl' ? 'nl, en;q=0.5' : 'en, nl;q=0.5',
  };
  if (UNSAFE.has(method.toUpperCase()) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

/** The problem shown when the server cannot be reached at all. */
export const networkProblem = () =>
  new ApiError({
    status: 0,
    type: 'network',
    title: language === 'nl' ? 'Geen verbinding' : 'No connection',
    detail: language === 'nl' ? 'De server is niet bereikbaar. Probeer het later opnieuw.' : 'The server cannot be reached. Try again later.',
  });

/** A request to an address built by hand: the multipart uploads, which the OpenAPI document gives no body type; everything else goes through the typed client in shell/client.ts. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = apiHeaders(method);
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const url = `/api/v1${path}${options.query ? queryString(options.query) : ''}`;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkProblem();
  }
  if (!response.ok) throw await problemFrom(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A same-origin API address for links (exports), with the query string. */
export const apiHref = (path: string, query: Record<string, QueryValue> = {}) => `/api/v1${path}${queryString(query)}`;
