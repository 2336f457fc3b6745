import http from 'node:http';
import { sleep } from './stats.js';

/** A keep-alive HTTP client for the API, as the representatives' browsers and the chair's would be. */
export class ApiClient {
  readonly agent: http.Agent;
  constructor(
    public base: string,
    maxSockets = 256,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** One request; rejects only on a network error (refused, reset, timeout). */
  request(method: string, path: string, token: string | undefined, body?: unknown, timeoutMs = 30_000): Promise<{ status: number; body: string }> {
    const url = new URL(`/api/v1${path}`, this.base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = http.request(
        url,
        {
          method,
          agent: this.agent,
          timeout: timeoutMs,
          headers: {
            accept: 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** A request that must succeed (2xx); returns the parsed JSON body. */
  async ok<T = any>(method: string, path: string, token: string | undefined, body?: unknown): Promise<T> {
    const response = await this.request(method, path, token, body);
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.body.slice(0, 500)}`);
    return (response.body ? JSON.parse(response.body) : null) as T;
  }

  close() {
    this.agent.destroy();
  }
}

export interface CastOutcome {
  /** From the moment the representative pressed the button to the answer that counted. */
  latencyMs: number;
  status: number;
  receipt: string | undefined;
  /** Attempts that failed (network error or 5xx) before the answer. */
  retries: number;
  /** The server answered 4xx other than a retry's 200: a refusal, counted as an error. */
  refused: boolean;
}

/**
 * Casts one ballot as a browser that retries: on a network error or a 5xx it sends the same
 * request with the same clientBallotId again, so the server can recognise the retry and never
 * counts the ballot twice. Gives up after deadlineMs.
 */
export async function castWithRetry(
  client: ApiClient,
  token: string,
  pollId: string,
  ballot: { memberId: string; option: string; clientBallotId: string },
  deadlineMs = 120_000,
): Promise<CastOutcome> {
  const started = performance.now();
  let retries = 0;
  for (;;) {
    try {
      const body = { memberId: ballot.memberId, option: ballot.option, clientBallotId: ballot.clientBallotId };
      const response = await client.request('POST', `/polls/${pollId}/ballots`, token, body, 15_000);
      if (response.status < 500) {
        const receipt = response.status < 300 ? (JSON.parse(response.body) as { receipt: string }).receipt : undefined;
        return { latencyMs: performance.now() - started, status: response.status, receipt, retries, refused: response.status >= 300 };
      }
    } catch {
      // Refused, reset or timed out: the ballot may or may not be stored; the retry finds out.
    }
    retries += 1;
    if (performance.now() - started > deadlineMs) return { latencyMs: performance.now() - started, status: 0, receipt: undefined, retries, refused: false };
    await sleep(Math.min(1000, 50 * 2 ** Math.min(retries, 5)) * (0.5 + Math.random()));
  }
}
